/**
 * The properties of shared nodes, recomputed from every document's view of them (see
 * SHARED_NODES in model.ts): list properties are unions, any other property comes from the first
 * view that has it, views ordered with an agreement's own text before a report's summary of it,
 * then by document id. So the result is the same whatever order documents came and went in.
 */
import { SHARED_VIEWS } from './cypher.ts';
import type { Cypher } from './cypher-registry.ts';
import { NODE_PROPERTIES, SHARED_NODES, type NodeLabel } from './model.ts';

type Run = (cypher: Cypher, params: Record<string, unknown>) => Promise<Record<string, unknown>[]>;
type View = Record<string, unknown> & { docs?: string[] };

export async function refreshShared(run: Run, ids: Map<NodeLabel, Set<string>>): Promise<void> {
  for (const shared of SHARED_NODES) {
    const wanted = [...(ids.get(shared.label) ?? [])].sort();
    if (wanted.length === 0) continue;
    const statements = SHARED_VIEWS[shared.label];
    const rows = (await run(statements.views, { ids: wanted }))
      .map((r) => ({ id: r.id as string, props: merge(shared.label, shared.lists, r.views as View[]) }))
      .filter((r) => r.props !== undefined);
    if (rows.length > 0) await run(statements.set, { rows });
  }
}

export function merge(label: NodeLabel, lists: readonly string[], views: View[]): Record<string, unknown> | undefined {
  if (views.length === 0) return undefined;
  const ordered = [...views].sort((a, b) => precedence(a) - precedence(b) || firstDoc(a).localeCompare(firstDoc(b)) || JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const props: Record<string, unknown> = {};
  for (const key of NODE_PROPERTIES[label]) {
    if (lists.includes(key)) {
      props[key] = [...new Set(ordered.flatMap((v) => (Array.isArray(v[key]) ? (v[key] as string[]) : [])))].sort();
    } else {
      const from = ordered.find((v) => v[key] !== undefined && v[key] !== null);
      if (from) props[key] = from[key];
    }
  }
  return props;
}

/** An agreement's own text before a summary of it in a report. */
function precedence(view: View): number {
  return view.source === 'REPORT_SUMMARY' ? 1 : 0;
}

function firstDoc(view: View): string {
  return [...(view.docs ?? [])].sort()[0] ?? '';
}
