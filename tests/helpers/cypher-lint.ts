/**
 * Neo4j's own Cypher linter, with a schema description of our graph: the labels, relationship
 * types and property keys of graph/model.ts and only the functions the product calls.
 */
import { lintCypherQuery, testData, type DbSchema } from '@neo4j-cypher/language-support';
import type { Cypher } from '../../graph/cypher-registry.ts';
import { NODE_LABELS, propertyKeys, RELATIONSHIPS, STORE_META } from '../../graph/model.ts';

/** Every function a Cypher text of the product may call. */
const FUNCTIONS_WE_USE = ['coalesce', 'collect', 'count', 'labels', 'properties', 'size', 'type', 'toLower', 'head', 'keys', 'min', 'max', 'sum', 'avg', 'toString', 'reduce', 'exists'];

function functionRegistry(): DbSchema['functions'] {
  const all = testData.mockSchema.functions ?? {};
  return Object.fromEntries(
    Object.entries(all).map(([version, registry]) => [
      version,
      Object.fromEntries(Object.entries(registry ?? {}).filter(([name]) => FUNCTIONS_WE_USE.includes(name))),
    ]),
  );
}

const baseSchema: DbSchema = {
  labels: [...NODE_LABELS, STORE_META.label],
  relationshipTypes: [...new Set(RELATIONSHIPS.map((r) => r.type))],
  propertyKeys: propertyKeys(),
  functions: functionRegistry(),
  procedures: {},
};

export interface LintFinding {
  name: string;
  severity: number | undefined;
  message: string;
}

/** Lints a text with its declared parameters; returns every diagnostic, errors and warnings alike. */
export function lint(cypher: Cypher): LintFinding[] {
  const parameters = Object.fromEntries(cypher.params.map((p) => [p, null]));
  const { diagnostics } = lintCypherQuery(cypher.text, { ...baseSchema, parameters });
  return diagnostics.map((d) => ({ name: cypher.name, severity: d.severity, message: typeof d.message === 'string' ? d.message : d.message.value }));
}

export function lintText(text: string, parameters: Record<string, unknown> = {}): LintFinding[] {
  return lintCypherQuery(text, { ...baseSchema, parameters }).diagnostics.map((d) => ({ name: 'text', severity: d.severity, message: typeof d.message === 'string' ? d.message : d.message.value }));
}
