/**
 * The SDL's enums and the TypeScript lists they mirror hold the same values, so a theme, role or
 * party kind added on one side only fails here instead of as a GraphQL error on some answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { INGEST_STATUSES } from '../api/resolvers/context.ts';
import { LANGUAGES, MODALITIES, PARTY_KINDS, READ_METHOD_NAMES, READ_METHODS, SCHEMES, THEMES } from '../domain/records.ts';
import { ROLES } from '../domain/roles.ts';
import { HIT_KINDS } from '../queries/search.ts';
import { PAIR_BASES } from '../queries/compare-agreements.ts';
import { projectRoot } from './helpers/corpus.ts';

const schema = buildSchema(readFileSync(join(projectRoot, 'api/schema.graphql'), 'utf8'));

/** Each enum of the SDL, and the TypeScript list it mirrors. */
const MIRRORS: Record<string, readonly string[]> = {
  Theme: THEMES,
  PartyKind: PARTY_KINDS,
  Role: ROLES,
  Modality: MODALITIES,
  Scheme: SCHEMES,
  Language: LANGUAGES,
  HitKind: HIT_KINDS,
  PairBasis: PAIR_BASES,
  IngestStatus: INGEST_STATUSES,
  ReadMethod: READ_METHODS.map((m) => READ_METHOD_NAMES[m]),
};

function sdlValues(name: string): string[] {
  const type = schema.getType(name);
  if (!isEnumType(type)) throw new Error(`the schema has no enum ${name}`);
  return type.getValues().map((v) => v.name).sort();
}

describe('the SDL enums and the TypeScript lists they mirror', () => {
  for (const [name, list] of Object.entries(MIRRORS)) {
    it(`enum ${name} has exactly the values of its TypeScript list`, () => {
      expect(sdlValues(name)).toEqual([...list].sort());
    });
  }

  it('every enum of the schema has its TypeScript list checked here', () => {
    const enums = Object.values(schema.getTypeMap())
      .filter((t) => isEnumType(t) && !t.name.startsWith('__'))
      .map((t) => t.name)
      .sort();
    expect(enums).toEqual(Object.keys(MIRRORS).sort());
  });
});
