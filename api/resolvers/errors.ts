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
