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

/**
 * Kept on a shared node beside its values (`viewsFrom`): for each non-list value, where in the
 * order of views the view that gave it stands (`key`, its `source`, its first document,
 * tab-separated).
 * With it a new document's views are placed against the node's values without reading the
 * other views: each value is a stand-in view at its place in the order.
 */
const SEPARATOR = '\t';

/** The shared nodes' properties before a document is written, for `refreshShared`'s `added`. */
export type SharedBefore = Map<string, View>;

export async function sharedBefore(run: Run, ids: Map<NodeLabel, Set<string>>): Promise<SharedBefore> {
  const before: SharedBefore = new Map();
  for (const shared of SHARED_NODES) {
    const wanted = [...(ids.get(shared.label) ?? [])];
    if (wanted.length === 0) continue;
    for (const r of await run(SHARED_VIEWS[shared.label].current, { ids: wanted })) before.set(`${shared.label}|${r.id as string}`, r.current as View);
  }
  return before;
}

/** A document written for the first time: its id, the shared nodes before it, the relationships it wrote (by shape key). */
export interface NewDocument {
  doc: string;
  before: SharedBefore;
  relationships: Map<string, { from: string; to: string }[]>;
}

/**
 * Recomputes the shared nodes in `ids`. With `added`, the document just written for the first
 * time and the nodes as they were before it: a node it only adds fresh views to, agreeing with
 * the node's values, takes the new list values without reading every other view — what keeps
 * ingest linear when a party such as Husbanken is named in thousands of documents. Any other
 * node is recomputed from all its views.
 */
export async function refreshShared(run: Run, ids: Map<NodeLabel, Set<string>>, added?: NewDocument): Promise<void> {
  for (const shared of SHARED_NODES) {
    let wanted = [...(ids.get(shared.label) ?? [])].sort();
    if (wanted.length === 0) continue;
    const statements = SHARED_VIEWS[shared.label];
    const rows: { id: string; props: Record<string, unknown> }[] = [];
    if (added !== undefined) {
      const recompute = new Set(wanted);
      const views = new Map<string, View[]>();
      for (const { shape, cypher } of statements.docViews) {
        const written = (added.relationships.get(shape) ?? []).filter((r) => added.before.has(`${shared.label}|${r.to}`));
        if (written.length === 0) continue;
        for (const r of await run(cypher, { rows: written })) views.set(r.id as string, [...(views.get(r.id as string) ?? []), ...(r.views as View[])]);
      }
      for (const [id, nodeViews] of views) {
        const props = extend(shared.label, shared.lists, added.before.get(`${shared.label}|${id}`)!, nodeViews, added.doc);
        if (props) {
          rows.push({ id, props });
          recompute.delete(id);
        }
      }
      wanted = [...recompute];
    }
    if (wanted.length > 0) {
      for (const r of await run(statements.views, { ids: wanted })) {
        const props = merge(shared.label, shared.lists, r.views as View[]);
        if (props) rows.push({ id: r.id as string, props });
      }
    }
    if (rows.length > 0) await run(statements.set, { rows });
  }
}

export function merge(label: NodeLabel, lists: readonly string[], views: View[]): Record<string, unknown> | undefined {
  if (views.length === 0) return undefined;
  const ordered = [...views].sort((a, b) => precedence(a) - precedence(b) || firstDoc(a).localeCompare(firstDoc(b)) || JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const props: Record<string, unknown> = {};
  const viewsFrom: string[] = [];
  for (const key of NODE_PROPERTIES[label]) {
    if (lists.includes(key)) {
      props[key] = [...new Set(ordered.flatMap((v) => (Array.isArray(v[key]) ? (v[key] as string[]) : [])))].sort();
    } else {
      const from = ordered.find((v) => v[key] !== undefined && v[key] !== null);
      if (from) {
        props[key] = from[key];
        viewsFrom.push([key, from.source ?? '', firstDoc(from)].join(SEPARATOR));
      }
    }
  }
  props.viewsFrom = viewsFrom;
  return props;
}

/**
 * `merge` over the node's earlier views plus `views`, from the node as it stood before the
 * document (`before`, which is `merge` of the earlier views): each earlier value becomes a
 * stand-in view at the place in the order its view had (`viewsFrom`), so the first view that has
 * a key still wins, whichever document it came from. That needs every one of `views` to be new
 * (no other document shares it, so no earlier view was overwritten) and `before` to carry
 * `viewsFrom`; otherwise undefined: recompute from all views.
 */
export function extend(label: NodeLabel, lists: readonly string[], before: View, views: View[], doc: string): Record<string, unknown> | undefined {
  if (views.some((v) => (v.docs ?? []).some((d) => d !== doc))) return undefined;
  if (!Array.isArray(before.viewsFrom)) return undefined;
  const standIns: View[] = (before.viewsFrom as string[]).map((entry) => {
    const [key, source, from] = entry.split(SEPARATOR) as [string, string, string];
    return { [key]: before[key], ...(source ? { source } : {}), docs: [from] };
  });
  // the lists are unions, whatever the order
  const earlierLists: View = Object.fromEntries(lists.map((key) => [key, before[key]]));
  return merge(label, lists, [...standIns, earlierLists, ...views]);
}

/** An agreement's own text before a summary of it in a report. */
function precedence(view: View): number {
  return view.source === 'REPORT_SUMMARY' ? 1 : 0;
}

function firstDoc(view: View): string {
  return [...(view.docs ?? [])].sort()[0] ?? '';
}
