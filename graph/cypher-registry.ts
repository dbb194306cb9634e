/**
 * The one place every Cypher text of the product is defined. Texts are written once in
 * Neo4j's Cypher and run unchanged on both engines; values always travel as parameters.
 * The tests lint every registered text with Neo4j's own linter.
 */
export type CypherMode = 'read' | 'write' | 'schema';

export interface Cypher {
  name: string;
  text: string;
  /** Names of the parameters the text uses (without `$`). */
  params: readonly string[];
  mode: CypherMode;
}

const registry = new Map<string, Cypher>();

export function defineCypher(name: string, mode: CypherMode, text: string): Cypher {
  if (registry.has(name)) throw new Error(`Cypher text ${name} is defined twice`);
  const params = [...new Set([...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))];
  const cypher: Cypher = { name, text: text.trim().replace(/\s+/g, ' '), params, mode };
  registry.set(name, cypher);
  return cypher;
}

export function registeredCypher(): Cypher[] {
  return [...registry.values()];
}
