/**
 * The load generator, run in its own process so that it does not share the server's event loop
 * (or its core): receives { url, body, connections, durationS } over IPC, runs autocannon, and
 * sends back the request count, requests/s, every response time and the errors.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  url: string;
  body: string;
  connections: number;
  durationS: number;
}

export interface LoadReply {
  requests: number;
  requestsPerSecond: number;
  latencies: number[];
  errors: number;
}

process.once('message', async (request: LoadRequest) => {
  const latencies: number[] = [];
  const result = await autocannon({
    url: request.url,
    connections: request.connections,
    duration: request.durationS,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: request.body,
    setupClient: (client) => client.on('response', (_status: number, _bytes: number, responseTime: number) => latencies.push(responseTime)),
  });
  const reply: LoadReply = {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencies,
    errors: result.errors + result.timeouts + result.non2xx,
  };
  process.send!(reply, () => process.exit(0));
});
