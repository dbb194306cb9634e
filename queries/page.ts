/** One page of a list that grows with the corpus: every list question answers with the page and how long the whole list is. */

/** Which page: `limit` items after skipping `offset`. */
export interface Page {
  limit: number;
  offset: number;
}

/** A page of items, with the length of the whole list it was cut from. */
export interface PageOf<T> {
  totalCount: number;
  items: T[];
}

/**
 * The page of a list held whole.
 * @example pageOf(['a', 'b', 'c'], { limit: 2, offset: 1 }) // { totalCount: 3, items: ['b', 'c'] }
 */
export function pageOf<T>(all: readonly T[], page: Page): PageOf<T> {
  return { totalCount: all.length, items: all.slice(page.offset, page.offset + page.limit) };
}
