/**
 * The load section's peer: a bare graphql-yoga server with one field (`{ hello }`), no store, no
 * plugins, on node:http like ours. Under the same load in the same run, its latency is the floor
 * this machine and this framework give, so our figures are judged as a ratio to it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchema, createYoga } from 'graphql-yoga';

export const PEER_QUERY = '{ hello }';

export async function startPeerServer(): Promise<{ url: string; server: Server }> {
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } }),
    logging: false,
    graphiql: false,
  });
  const server = createServer(yoga);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}
