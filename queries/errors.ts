/** What the questions throw when the caller asked for something the graph does not hold; api/ maps it to NOT_FOUND. */

/** An id asked for that no node of the graph has. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';

  constructor(
    /** What was looked for ("agreement"). */
    readonly kind: string,
    /** The id asked for. */
    readonly id: string,
  ) {
    super(`no ${kind} with id ${id}`);
  }
}
