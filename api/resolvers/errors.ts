/**
 * Every GraphQL error a client can see, made in one place: each `extensions.code` once, with its
 * HTTP status in `extensions.http.status` where the API sets one; any other error is masked. The
 * resolvers, the upload (api/ingest-upload.ts) and the server use it; it lives beside the resolvers
 * so that nothing under api/resolvers/ imports back from api/ (tests/architecture.test.ts).
 */
import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { IngestErrorCode } from '../../domain/ingest-errors.ts';
import { NotFoundError, UnknownPartyError } from '../../queries/errors.ts';

function clientError(message: string, code: string, extensions: Record<string, unknown> = {}, status?: number): GraphQLError {
  return createGraphQLError(message, { extensions: { code, ...extensions, ...(status === undefined ? {} : { http: { status } }) } });
}

/**
 * An argument out of bounds: BAD_USER_INPUT, naming the argument.
 * @example throw badUserInput('offset must be 0 or more', 'offset');
 */
export function badUserInput(message: string, argument: string): GraphQLError {
  return clientError(message, 'BAD_USER_INPUT', { argument });
}

/**
 * An id asked for that the graph does not hold: NOT_FOUND.
 * @example throw notFound('no agreement with id agreement:x');
 */
function notFound(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return clientError(message, 'NOT_FOUND', extensions);
}

/** What a question threw, as the client may see it: a missing id is NOT_FOUND, anything else is left to be masked. */
export function asClientError(error: unknown): unknown {
  if (error instanceof UnknownPartyError) return notFound(error.message, { suggestions: error.suggestions });
  return error instanceof NotFoundError ? notFound(error.message) : error;
}

/**
 * Upload refused: the server has no ingest token (403).
 * @example throw ingestDisabled();
 */
export function ingestDisabled(): GraphQLError {
  return clientError('ingest over HTTP is disabled: the server has no KG_INGEST_TOKEN', 'INGEST_DISABLED', {}, 403);
}

/**
 * Upload refused: no valid bearer token (401).
 * @example throw unauthorized();
 */
export function unauthorized(): GraphQLError {
  return clientError('a valid "Authorization: Bearer <token>" header is required to ingest', 'UNAUTHORIZED', {}, 401);
}

/** An uploaded file that cannot be ingested: the code, the file and the reason, with a message that says them. */
function fileError(code: string, file: string, reason: string, message: string, status = 400): GraphQLError {
  return clientError(message, code, { file, reason }, status);
}

/**
 * Upload refused: the file name does not end in .pdf (NOT_PDF, 400).
 * @example throw notPdf('notes.txt');
 */
export function notPdf(file: string): GraphQLError {
  return fileError('NOT_PDF', file, 'the file name does not end in .pdf', `${file}: only PDF files can be ingested`);
}

/**
 * Upload refused: larger than the server takes (FILE_TOO_LARGE, 413).
 * @example throw fileTooLarge('big.pdf', 2 * 1024 * 1024);
 */
export function fileTooLarge(file: string, maxBytes: number): GraphQLError {
  return fileError('FILE_TOO_LARGE', file, `larger than ${maxBytes} bytes`, `${file}: the file is larger than ${maxBytes} bytes`, 413);
}

/**
 * The uploaded PDF could not be read or extracted: the ingest error's own code, file and reason (400).
 * @example throw ingestFailed(error.code, error.file, error.reason);
 */
export function ingestFailed(code: IngestErrorCode, file: string, reason: string): GraphQLError {
  return fileError(code, file, reason, `${file}: ${reason}`);
}

/**
 * A request that spent its budget (api/request-budget.ts): its time, the rows it may read, or the
 * summed cost of a batch (REQUEST_BUDGET_EXCEEDED, 503 for time, else 400).
 * @example throw budgetExceeded('time', 2000);
 */
export function budgetExceeded(budget: 'time' | 'rows' | 'cost', limit: number): GraphQLError {
  const what = { time: `took longer than ${limit} ms`, rows: `read more than ${limit} rows`, cost: `costs more than ${limit} in all (the operations of a batch add up)` }[budget];
  return clientError(`the request ${what} and was stopped: ask for smaller pages or fewer nested lists`, 'REQUEST_BUDGET_EXCEEDED', { budget, limit }, budget === 'time' ? 503 : 400);
}

/**
 * Upload refused: `file` is not an uploaded file (a string in JSON, say) (BAD_USER_INPUT).
 * @example throw notAnUpload();
 */
export function notAnUpload(): GraphQLError {
  return clientError('file must be an uploaded file: send the request as multipart/form-data (GraphQL multipart request spec)', 'BAD_USER_INPUT', { argument: 'file' }, 400);
}

/**
 * Upload refused: a file name that cannot name a document (BAD_FILE_NAME, 400).
 * @example throw badFileName('.pdf', 'the name has no letter or digit before .pdf');
 */
export function badFileName(file: string, reason: string): GraphQLError {
  return fileError('BAD_FILE_NAME', file, reason, `${JSON.stringify(file)}: ${reason}`);
}

/**
 * Upload refused: the store holds another version of the document, and the request did not ask to
 * replace it (DOCUMENT_EXISTS, 409); `extensions.document` is the held document's id.
 * @example throw documentExists('avtale.pdf', 'document:avtale');
 */
export function documentExists(file: string, document: string): GraphQLError {
  return clientError(
    `${file}: the store holds another version of ${document}; to replace it, pass replaces: "${document}" (or send the header "X-KG-Replaces: ${document}"), or upload under another name`,
    'DOCUMENT_EXISTS',
    { file, document, reason: 'another version is held' },
    409,
  );
}

/**
 * Upload refused: the mutation's `replaces` and the header X-KG-Replaces name different documents (BAD_USER_INPUT).
 * @example throw conflictingReplaces('document:a', 'document:b');
 */
export function conflictingReplaces(argument: string, header: string): GraphQLError {
  return badUserInput(`replaces: "${argument}" and the header X-KG-Replaces: "${header}" name different documents; send one of them`, 'replaces');
}

/**
 * Upload refused: the name is a document the server ships (the corpus), which no upload replaces (DOCUMENT_PROTECTED, 409).
 * @example throw documentProtected('bygdevekstavtale-nord-troms.pdf');
 */
export function documentProtected(file: string): GraphQLError {
  return fileError('DOCUMENT_PROTECTED', file, 'a document the server ships under this name is not replaced by an upload', `${file}: a document the server ships has this name; upload under another name`, 409);
}

/**
 * The uploaded PDF could not be kept (a full disk, say): nothing of it was stored (UPLOAD_NOT_SAVED, 507).
 * @example throw uploadNotSaved('avtale.pdf', 'ENOSPC: no space left on device');
 */
export function uploadNotSaved(file: string, reason: string): GraphQLError {
  return fileError('UPLOAD_NOT_SAVED', file, reason, `${file}: the upload could not be saved, and nothing of it was stored: ${reason}`, 507);
}
