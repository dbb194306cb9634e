/** What the questions throw when the caller asked for something the graph does not hold; api/ maps it to NOT_FOUND. */

/** An id asked for that no node of the graph has. */
export class NotFoundError extends Error {
  override readonly name: string = 'NotFoundError';

  constructor(
    /** What was looked for ("agreement"). */
    readonly kind: string,
    /** The id asked for. */
    readonly id: string,
  ) {
    super(`no ${kind} with id ${id}`);
  }
}

/** A party name that matches no party, with the known names closest to it. */
export class UnknownPartyError extends NotFoundError {
  override readonly name = 'UnknownPartyError';

  constructor(
    asked: string,
    /** The closest known party names, best first. */
    readonly suggestions: string[],
  ) {
    super('party named', asked);
    this.message = `no party named ${JSON.stringify(asked)}${suggestions.length > 0 ? `; the closest known names are ${suggestions.join(', ')}` : ''}`;
  }
}
