/** The GraphQL resolvers, put together: the questions (questions.ts) and the fields of every type (types.ts). */
import { Mutation, Query } from './questions.ts';
import { typeResolvers } from './types.ts';

export type { RequestContext } from './context.ts';

export const resolvers = { Query, Mutation, ...typeResolvers };
