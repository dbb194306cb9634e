/**
 * The name a document is known by, from a name a client chose: Unicode NFC, and usable as a file
 * name on any disk and in the document's URL. A name that cannot be one is refused with the reason.
 */
import { basename } from 'node:path';

/** The longest file name most file systems take (NAME_MAX), in bytes of UTF-8. */
const MAX_NAME_BYTES = 255;

/** Half of a UTF-16 pair without its other half: no UTF-8 can spell it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export class FileNameError extends Error {
  override readonly name = 'FileNameError';
  constructor(
    /** The name as it was given. */
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${JSON.stringify(file)}: ${reason}`);
  }
}

export function isFileNameError(error: unknown): error is FileNameError {
  return error instanceof FileNameError;
}

/**
 * The name, normalised (NFC, no folder); throws a FileNameError for one that cannot name a document.
 * @example documentName('Avtale.pdf') // 'Avtale.pdf'
 */
export function documentName(given: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(given)) throw new FileNameError(given, 'the name contains a control character (such as NUL or a line break)');
  const name = basename(given.replace(/\\/g, '/')).normalize('NFC');
  if (LONE_SURROGATE.test(name)) throw new FileNameError(given, 'the name is not well-formed Unicode');
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) throw new FileNameError(given, `the name is longer than ${MAX_NAME_BYTES} bytes (UTF-8)`);
  if (name.startsWith('.')) throw new FileNameError(given, 'the name starts with a dot (a hidden file), or has nothing before .pdf');
  if (!/[\p{L}\p{N}]/u.test(name.replace(/\.pdf$/i, ''))) throw new FileNameError(given, 'the name has no letter or digit before .pdf');
  return name;
}
