/** The GraphQL shape of a page (`XPage { totalCount pageInfo items }`): the same on every list question. */
import type { Page, PageOf } from '../../queries/page.ts';

export interface AnsweredPage<T> extends PageOf<T> {
  pageInfo: { offset: number; limit: number; hasNextPage: boolean };
}

/**
 * A page as the schema gives it, with where it stands in its list.
 * @example answered({ limit: 2, offset: 0 }, { totalCount: 3, items: ['a', 'b'] }).pageInfo.hasNextPage // true
 */
export function answered<T>(page: Page, result: PageOf<T>): AnsweredPage<T> {
  return { ...result, pageInfo: { offset: page.offset, limit: page.limit, hasNextPage: page.offset + result.items.length < result.totalCount } };
}
