/**
 * Every download, by name: the whole graph (`graph.json`, `graph.graphml`, `graph.gexf`), the
 * party network (`party-network.gexf`, `party-network.graphml`), and the tables as CSV or XLSX
 * (`matrix`, `pilots-involving`, `transferable-measures`, `parties`). The HTTP endpoints
 * (/export/<name>) and `kg export` both make them here, from the same parameters.
 */
import { PARTY_KINDS, THEMES, type PartyKind, type Theme } from '../../domain/records.ts';
import { exportGraph, serialise, type ExportFormat } from '../../graph/export.ts';
import type { QueryContext } from '../../queries/context.ts';
import { NETWORK_FORMATS, NETWORK_TYPES, writeNetwork, type NetworkFormat } from './network-files.ts';
import { TABLE_FORMATS, TABLE_TYPES, writeTable, type TableFormat } from './table-files.ts';
import { buildTable, TableParamError, TABLES, type TableName } from './tables.ts';

export { TableParamError as DownloadParamError };

const GRAPH_FORMATS = ['json', 'graphml', 'gexf'] as const;
const GRAPH_TYPES: Record<ExportFormat, string> = {
  json: 'application/json; charset=utf-8',
  graphml: 'application/graphml+xml; charset=utf-8',
  gexf: 'application/gexf+xml; charset=utf-8',
};

/** Every file name a download may have. */
export const DOWNLOADS: string[] = [
  ...GRAPH_FORMATS.map((f) => `graph.${f}`),
  ...NETWORK_FORMATS.map((f) => `party-network.${f}`),
  ...TABLES.flatMap((t) => TABLE_FORMATS.map((f) => `${t}.${f}`)),
];

export interface DownloadParams {
  /** party-network: only parties of these kinds. */
  kinds?: PartyKind[];
  /** party-network: only edges of at least this weight (1). */
  minWeight?: number;
  /** pilots-involving (required). */
  party?: string;
  /** pilots-involving, transferable-measures: one theme only. */
  theme?: Theme;
  /** transferable-measures: clusters of at least this many pilots (2). */
  minPilots?: number;
}

export interface Download {
  file: string;
  contentType: string;
  body: Buffer;
}

export function isDownload(name: string): boolean {
  return DOWNLOADS.includes(name);
}

/** Reads and checks the parameters of a download, from the query string or the command line. */
export function downloadParams(get: (name: string) => string | null | undefined): DownloadParams {
  const params: DownloadParams = {};
  const kinds = get('kinds');
  if (kinds) {
    const list = kinds.split(',').map((k) => k.trim().toUpperCase()).filter(Boolean);
    const bad = list.find((k) => !(PARTY_KINDS as readonly string[]).includes(k));
    if (bad) throw new TableParamError('kinds', `${JSON.stringify(bad)} is not a party kind (${PARTY_KINDS.join(', ')})`);
    params.kinds = list as PartyKind[];
  }
  const theme = get('theme');
  if (theme) {
    if (!(THEMES as readonly string[]).includes(theme.toUpperCase())) throw new TableParamError('theme', `${JSON.stringify(theme)} is not a theme (${THEMES.join(', ')})`);
    params.theme = theme.toUpperCase() as Theme;
  }
  for (const name of ['minWeight', 'minPilots'] as const) {
    const value = get(name);
    if (value === null || value === undefined || value === '') continue;
    if (!/^\d{1,6}$/.test(value) || Number(value) < 1) throw new TableParamError(name, `must be a whole number of at least 1, not ${JSON.stringify(value)}`);
    params[name] = Number(value);
  }
  const party = get('party');
  if (party !== null && party !== undefined) {
    if (party.trim() === '' || party.length > 200) throw new TableParamError('party', 'must be a party name of 1 to 200 characters');
    params.party = party;
  }
  return params;
}

export async function makeDownload(ctx: QueryContext, name: string, params: DownloadParams = {}): Promise<Download> {
  const dot = name.lastIndexOf('.');
  const [base, format] = [name.slice(0, dot), name.slice(dot + 1)];
  if (!isDownload(name)) throw new TableParamError('name', `${JSON.stringify(name)} is no download; one of ${DOWNLOADS.join(', ')}`);
  if (base === 'graph') {
    const f = format as ExportFormat;
    return { file: name, contentType: GRAPH_TYPES[f], body: Buffer.from(serialise(await exportGraph(ctx.store), f)) };
  }
  if (base === 'party-network') {
    const f = format as NetworkFormat;
    const filter = { ...(params.kinds ? { kinds: params.kinds } : {}), ...(params.minWeight ? { minWeight: params.minWeight } : {}) };
    return { file: name, contentType: NETWORK_TYPES[f], body: Buffer.from(await writeNetwork(ctx, f, filter)) };
  }
  const f = format as TableFormat;
  const table = await buildTable(ctx, base as TableName, params);
  return { file: name, contentType: TABLE_TYPES[f], body: await writeTable(table, f) };
}
