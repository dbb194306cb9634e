/**
 * The store's own Cypher: schema, batched writes derived from the model, document removal,
 * the derived properties and links recomputed after each write, statistics and export.
 */
import type { DocumentKind, Language } from '../domain/records.ts';
import { defineCypher, type Cypher } from './cypher-registry.ts';
import { LINKED_NODES, NODE_LABELS, NODE_PROPERTIES, relationshipShapes, SHARED_NODES, shapeKey, STORE_META, type NodeLabel } from './model.ts';

/** Adds the document to a node's or relationship's `docs` once. `list + [x]` appends on both engines. */
const addDoc = (v: string) => `${v}.docs = CASE WHEN $doc IN coalesce(${v}.docs, []) THEN ${v}.docs ELSE coalesce(${v}.docs, []) + [$doc] END`;

const lower = (label: string) => label.replace(/[A-Z]/g, (c, i: number) => (i ? '_' : '') + c.toLowerCase());

/** Properties besides `id` that a question looks nodes up by: without an index the lookup reads every node of the label. */
const LOOKUP_PROPERTIES: readonly { label: NodeLabel; property: string }[] = [
  // the cross-references a new agreement answers, and the agreements a new cross-reference names
  { label: 'CrossReference', property: 'targetArea' },
  { label: 'Agreement', property: 'area' },
];

const LOOKUP_INDEXES: Cypher[] = LOOKUP_PROPERTIES.map(({ label, property }) =>
  defineCypher(`schema.lookup.${label}.${property}`, 'schema', `CREATE INDEX ${lower(label)}_${lower(property)} IF NOT EXISTS FOR (n:${label}) ON (n.${property})`),
);

/** Embedded store: an index on `id` per label (without it MERGE by id is quadratic), and the lookup indexes. */
export const EMBEDDED_SCHEMA: Cypher[] = [
  ...NODE_LABELS.map((label) => defineCypher(`schema.embedded.${label}`, 'schema', `CREATE INDEX ${lower(label)}_id IF NOT EXISTS FOR (n:${label}) ON (n.id)`)),
  ...LOOKUP_INDEXES,
];

/** Neo4j: a uniqueness constraint per label, which also gives the index. */
export const NEO4J_SCHEMA: Cypher[] = [
  ...NODE_LABELS.map((label) =>
    defineCypher(`schema.neo4j.${label}`, 'schema', `CREATE CONSTRAINT ${lower(label)}_id_unique IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`),
  ),
  ...LOOKUP_INDEXES,
];

export const MERGE_NODES = Object.fromEntries(
  NODE_LABELS.map((label) => [
    label,
    defineCypher(
      `write.nodes.${label}`,
      'write',
      `UNWIND $rows AS row MERGE (n:${label} {id: row.id}) SET n += row.props${LINKED_NODES.includes(label) ? '' : `, ${addDoc('n')}`}`,
    ),
  ]),
) as Record<NodeLabel, Cypher>;

export const MERGE_RELATIONSHIPS = new Map(
  relationshipShapes().map((shape) => [
    shapeKey(shape),
    defineCypher(
      `write.relationships.${shapeKey(shape)}`,
      'write',
      `UNWIND $rows AS row
       MATCH (a:${shape.from} {id: row.from})
       MATCH (b:${shape.to} {id: row.to})
       MERGE (a)-[r:${shape.type}]->(b)
       SET r += row.props, ${addDoc('r')}`,
    ),
  ]),
);

/** The version of a document the store holds (`version` is null for a document written before versions were kept). */
export const DOCUMENT_SHA = defineCypher<{ sha256: string; version: number | null }>('document.sha', 'read', 'MATCH (d:Document {id: $id}) RETURN d.sha256 AS sha256, d.version AS version');

export const DOCUMENTS = defineCypher<{ id: string; file: string; sha256: string; kind: DocumentKind; language: Language; pages: number }>(
  'document.list',
  'read',
  'MATCH (d:Document) RETURN d.id AS id, d.file AS file, d.sha256 AS sha256, d.kind AS kind, d.language AS language, d.pages AS pages ORDER BY id',
);

/**
 * The shared and linked nodes (SHARED_NODES, LINKED_NODES in model.ts) a document's relationships
 * touch, read before it is removed: shared ones have their properties redone, linked ones left
 * without any relationship are deleted.
 */
export const DOCUMENT_LINKED_NODES = defineCypher<{ labels: string[]; id: string }>(
  'document.linked-nodes',
  'read',
  `MATCH (n)-[v]-() WHERE $doc IN v.docs AND (${[...new Set([...SHARED_NODES.map((s) => s.label), ...LINKED_NODES])].map((l) => `n:${l}`).join(' OR ')})
   RETURN DISTINCT labels(n) AS labels, n.id AS id`,
);

/** Linked nodes (LINKED_NODES) among `ids` that no relationship holds any more. */
export const REMOVE_ORPHANS = Object.fromEntries(
  LINKED_NODES.map((label) => [
    label,
    defineCypher(`document.remove.orphans.${label}`, 'write', `UNWIND $ids AS id MATCH (n:${label} {id: id}) WHERE NOT EXISTS { (n)--() } DELETE n`),
  ]),
) as Record<NodeLabel, Cypher>;

/** Removal, relationships first: take the document off `docs`, delete what no document holds any more. */
export const REMOVE_RELATIONSHIPS = defineCypher(
  'document.remove.relationships',
  'write',
  `MATCH ()-[r]->() WHERE $doc IN r.docs
   SET r.docs = [d IN r.docs WHERE d <> $doc]
   WITH r WHERE size(r.docs) = 0
   DELETE r`,
);

export const REMOVE_NODES = defineCypher(
  'document.remove.nodes',
  'write',
  `MATCH (n) WHERE $doc IN n.docs
   SET n.docs = [d IN n.docs WHERE d <> $doc]
   WITH n WHERE size(n.docs) = 0
   DETACH DELETE n`,
);

/** A shared node's views: the properties of the relationships that carry each document's view of it. */
type SharedViews = { id: string; views: Record<string, unknown>[] };

/**
 * Every document's view of a shared node (see SHARED_NODES in model.ts), one document's views,
 * the node as it stands, and setting what follows from them.
 */
export const SHARED_VIEWS = Object.fromEntries(
  SHARED_NODES.map((shared) => [
    shared.label,
    {
      views: defineCypher<SharedViews>(
        `shared.views.${shared.label}`,
        'read',
        // From the node along its own relationships: an OPTIONAL MATCH here costs a scan of every
        // relationship of the type on the embedded engine. A node without views is not returned.
        // only the keys `merge` reads: a view's evidence quote is long, and a node may have thousands of views
        `UNWIND $ids AS id
         MATCH (n:${shared.label} {id: id})<-[v:${shared.via}]-()
         RETURN n.id AS id, collect({${[...new Set([...NODE_PROPERTIES[shared.label], 'source', 'docs'])].map((k) => `${k}: v.${k}`).join(', ')}}) AS views`,
      ),
      // One statement per start label of the view relationship, each walked from the document's
      // own start node: the shared node may have thousands of views, the start node has one.
      docViews: relationshipShapes()
        .filter((shape) => shape.type === shared.via && shape.to === shared.label)
        .map((shape) => ({
          shape: shapeKey(shape),
          cypher: defineCypher<SharedViews>(
            `shared.doc-views.${shapeKey(shape)}`,
            'read',
            `UNWIND $rows AS row
             MATCH (a:${shape.from} {id: row.from})-[v:${shape.type}]->(n:${shared.label} {id: row.to})
             RETURN n.id AS id, collect(properties(v)) AS views`,
          ),
        })),
      current: defineCypher<{ id: string; current: Record<string, unknown> }>(
        `shared.current.${shared.label}`,
        'read',
        `UNWIND $ids AS id
         MATCH (n:${shared.label} {id: id})
         RETURN n.id AS id, properties(n) AS current`,
      ),
      set: defineCypher(
        `shared.set.${shared.label}`,
        'write',
        `UNWIND $rows AS row
         MATCH (n:${shared.label} {id: row.id})
         SET ${[...NODE_PROPERTIES[shared.label], 'viewsFrom'].map((p) => `n.${p} = row.props.${p}`).join(', ')}`,
      ),
    },
  ]),
) as Record<
  NodeLabel,
  { views: Cypher<SharedViews>; docViews: { shape: string; cypher: Cypher<SharedViews> }[]; current: Cypher<{ id: string; current: Record<string, unknown> }>; set: Cypher }
>;

/** Which agreement a cross-reference `x` of agreement `a` names, and the link it becomes (one rule for the three statements below). */
const REFERENCE_TARGET = 'b.scheme = x.targetScheme AND b.area = x.targetArea AND b.id <> a.id';
const REFERENCE_LINK = 'MERGE (a)-[r:REFERENCES]->(b) SET r.quote = x.quote, r.via = x.id, r.docs = x.docs';

/** Cross-references become REFERENCES links once both agreements are in the graph, in whatever order they came. */
export const LINK_REFERENCES = defineCypher(
  'references.link',
  'write',
  `MATCH (a:Agreement)-[:HAS_REFERENCE]->(x:CrossReference)
   MATCH (b:Agreement) WHERE ${REFERENCE_TARGET}
   ${REFERENCE_LINK}`,
);

/**
 * The same for the agreements one document wrote: their own cross-references, and those of other
 * agreements that point to them. What a new document can link, without a pass over the whole graph.
 */
export const LINK_REFERENCES_FROM = defineCypher(
  'references.link.from',
  'write',
  `UNWIND $agreements AS id
   MATCH (a:Agreement {id: id})-[:HAS_REFERENCE]->(x:CrossReference)
   MATCH (b:Agreement {area: x.targetArea}) WHERE ${REFERENCE_TARGET}
   ${REFERENCE_LINK}`,
);

export const LINK_REFERENCES_TO = defineCypher(
  'references.link.to',
  'write',
  `UNWIND $agreements AS id
   MATCH (b:Agreement {id: id})
   MATCH (x:CrossReference {targetArea: b.area})
   MATCH (a:Agreement)-[:HAS_REFERENCE]->(x) WHERE ${REFERENCE_TARGET}
   ${REFERENCE_LINK}`,
);

export const STATS_NODES = defineCypher<{ label: string; count: number }>(
  'stats.nodes',
  'read',
  `MATCH (n) WHERE NOT n:${STORE_META.label} UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label`,
);

/** The store's own record (STORE_META in model.ts): written with every document, read by `kg stats` and /health. */
export const META_RECORD_INGEST = defineCypher(
  'meta.record-ingest',
  'write',
  `MERGE (m:${STORE_META.label} {id: $id}) SET m.lastIngestAt = $at, m.lastIngestDocument = $doc`,
);

export const META_READ = defineCypher<{ lastIngestAt: string | null; lastIngestDocument: string | null }>(
  'meta.read',
  'read',
  `MATCH (m:${STORE_META.label} {id: $id}) RETURN m.lastIngestAt AS lastIngestAt, m.lastIngestDocument AS lastIngestDocument`,
);

export const STATS_RELATIONSHIPS = defineCypher<{ type: string; count: number }>(
  'stats.relationships',
  'read',
  'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type',
);

export const EXPORT_NODES = defineCypher<{ id: string; labels: string[]; properties: Record<string, unknown> }>(
  'export.nodes',
  'read',
  `MATCH (n) WHERE NOT n:${STORE_META.label} RETURN n.id AS id, labels(n) AS labels, properties(n) AS properties ORDER BY id`,
);

export const EXPORT_RELATIONSHIPS = defineCypher<{ type: string; start: string; end: string; properties: Record<string, unknown> }>(
  'export.relationships',
  'read',
  'MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS properties ORDER BY type, start, end',
);

/** Opens the database once when connecting, so a missing database or a refused login shows at once. */
export const PING = defineCypher<{ ok: number }>('store.ping', 'read', 'RETURN 1 AS ok');

/** Deletes every node of the model's labels, and their relationships: for test runs against a throwaway Neo4j. */
export const CLEAR_GRAPH = defineCypher(
  'store.clear',
  'write',
  'MATCH (n) WHERE any(label IN labels(n) WHERE label IN $labels) DETACH DELETE n',
);
