/**
 * The one place every Cypher text of the product is defined. Texts are written once in
 * Neo4j's Cypher and run unchanged on both engines; values always travel as parameters.
 * Each text carries the type of the rows it returns, so rows are typed where they leave the store.
 * The tests lint every registered text with Neo4j's own linter.
 */
export type CypherMode = 'read' | 'write' | 'schema';

/** Only a type: the key under which a Cypher text carries its row type (never set at run time). */
declare const rowType: unique symbol;

/**
 * A named Cypher text. `R` is the shape of each row it returns, as its `RETURN … AS …` clause
 * and the model's properties make it: the store cannot check it, so it is declared once here.
 */
export interface Cypher<R extends object = Record<string, unknown>> {
  name: string;
  text: string;
  /** Names of the parameters the text uses (without `$`). */
  params: readonly string[];
  mode: CypherMode;
  readonly [rowType]?: R;
}

/** The row type a Cypher text returns. */
export type RowOf<C> = C extends Cypher<infer R> ? R : never;

const registry = new Map<string, Cypher>();

/**
 * Defines and registers a Cypher text, with the type of its rows.
 * @example
 * const PARTIES = defineCypher<{ id: string; name: string }>('party.names', 'read', 'MATCH (p:Party) RETURN p.id AS id, p.name AS name');
 */
export function defineCypher<R extends object = Record<string, unknown>>(name: string, mode: CypherMode, text: string): Cypher<R> {
  if (registry.has(name)) throw new Error(`Cypher text ${name} is defined twice`);
  const params = [...new Set([...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))];
  const cypher = { name, text: text.trim().replace(/\s+/g, ' '), params, mode };
  registry.set(name, cypher);
  return cypher;
}

export function registeredCypher(): Cypher[] {
  return [...registry.values()];
}
