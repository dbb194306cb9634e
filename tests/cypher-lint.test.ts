/**
 * Every Cypher text the product can send is registered in one place (graph/cypher-registry.ts)
 * and must pass Neo4j's own linter with no diagnostic at all, against our schema: so the texts
 * stay valid Neo4j Cypher even where no Neo4j server runs.
 */
import { describe, expect, it } from 'vitest';
import '../graph/cypher.ts';
import '../queries/index.ts';
import { registeredCypher } from '../graph/cypher-registry.ts';
import { lint, lintText } from './helpers/cypher-lint.ts';

describe('Cypher texts, linted by @neo4j-cypher/language-support', () => {
  const texts = registeredCypher();

  it('has the texts of every part of the product registered', () => {
    const prefixes = new Set(texts.map((c) => c.name.split('.')[0]));
    for (const part of ['schema', 'write', 'document', 'shared', 'references', 'stats', 'export', 'entity', 'question', 'lookup', 'party']) expect(prefixes, part).toContain(part);
    expect(texts.length).toBeGreaterThan(40);
  });

  it('passes every text with no errors or warnings', { timeout: 120_000 }, () => {
    const findings = texts.flatMap(lint);
    expect(findings).toEqual([]);
  });

  it('does catch what it should: a misspelt label, an unknown function, an undeclared parameter, bad syntax', () => {
    expect(lintText('MATCH (p:Partyy) RETURN p.id').length).toBeGreaterThan(0);
    expect(lintText('MATCH (p:Party) RETURN apoc.text.join(p.aliases, ",")').length).toBeGreaterThan(0);
    expect(lintText('MATCH (p:Party {id: $id}) RETURN p').length).toBeGreaterThan(0);
    expect(lintText('MATCH (p:Party RETURN p').length).toBeGreaterThan(0);
    expect(lintText('MATCH (p:Party {id: $id}) RETURN p.name', { id: null })).toEqual([]);
  });
});
