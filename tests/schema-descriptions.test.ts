/**
 * GraphiQL's documentation is the schema's: every type, field, argument and enum value of
 * api/schema.graphql has a description.
 */
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typeDefs } from '../api/server.ts';

const BUILT_IN = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const t of Object.values(schema.getTypeMap())) {
    if (t.name.startsWith('__') || BUILT_IN.has(t.name)) continue;
    if (!t.description?.trim()) missing.push(`type ${t.name}`);
    if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
      for (const f of Object.values(t.getFields())) {
        if (!f.description?.trim()) missing.push(`${t.name}.${f.name}`);
        for (const a of 'args' in f ? f.args : []) if (!a.description?.trim()) missing.push(`${t.name}.${f.name}(${a.name})`);
      }
    }
    if (isEnumType(t)) for (const v of t.getValues()) if (!v.description?.trim()) missing.push(`${t.name}.${v.name}`);
  }
  return missing;
}

describe('the schema documents itself', () => {
  it('has a description on every type, field, argument and enum value', () => {
    expect(undescribed(buildSchema(typeDefs))).toEqual([]);
  });

  it('finds what has none (the check can fail)', () => {
    expect(undescribed(buildSchema('"q" type Query { "a" a(x: Int): E b: Int } "e" enum E { "one" ONE TWO }'))).toEqual(['Query.a(x)', 'Query.b', 'E.TWO']);
  });
});
