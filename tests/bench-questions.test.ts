/** The questions the benchmarks ask are valid against the schema as it is: a bench run never times an error. */
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../bench/questions.ts';
import { typeDefs } from '../api/server.ts';

describe('the bench questions', () => {
  const schema = buildSchema(typeDefs);
  it.each(QUESTIONS.map((q) => [q.name, q.query]))('%s validates against the schema', (_, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });
});
