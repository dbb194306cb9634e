/**
 * The files a view offers for download (the server's /export/<name>), with the view's own
 * filters as parameters: the party network for Gephi, the matrix, a party's pilots, the measures.
 */
import type { PartyKind, Theme } from './types.ts';

export interface DownloadLink {
  /** The label key of what it is. */
  label: string;
  format: string;
  href: string;
}

function link(label: string, name: string, params: Record<string, string | number | null | undefined>): DownloadLink[] {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string | number] => e[1] !== null && e[1] !== undefined && e[1] !== '').map(([k, v]) => [k, String(v)])).toString();
  return ['csv', 'xlsx', 'gexf', 'graphml']
    .filter((format) => (name === 'party-network' ? format === 'gexf' || format === 'graphml' : format === 'csv' || format === 'xlsx'))
    .map((format) => ({ label, format, href: `/export/${name}.${format}${query ? `?${query}` : ''}` }));
}

/** The party network with the kinds and the least weight chosen (no kind chosen: all). */
export function networkDownloads(kinds: PartyKind[], minWeight: number, allKinds: readonly PartyKind[]): DownloadLink[] {
  const chosen = kinds.filter((k) => allKinds.includes(k));
  // every kind unticked: the view shows no party, so there is no network to offer
  if (kinds.length > 0 && chosen.length === 0) return link('downloads.parties', 'parties', {});
  return [...link('downloads.network', 'party-network', { kinds: chosen.length > 0 && chosen.length < allKinds.length ? chosen.join(',') : null, minWeight: minWeight > 1 ? minWeight : null }), ...link('downloads.parties', 'parties', {})];
}

/** The matrix, and the pilots of the highlighted party. */
export function matrixDownloads(party: string | null): DownloadLink[] {
  return [...link('downloads.matrix', 'matrix', {}), ...(party ? link('downloads.involving', 'pilots-involving', { party }) : [])];
}

export function measureDownloads(theme: Theme | null): DownloadLink[] {
  return link('downloads.measures', 'transferable-measures', { theme });
}
