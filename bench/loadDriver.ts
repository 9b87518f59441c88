import autocannon from 'autocannon';

/**
 * The load generator, run as its own process so that it takes no CPU time
 * from the server's event loop. Reads one spec as JSON from argv, prints
 * one result as JSON on stdout.
 */
export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
  timeoutSeconds: number;
}

export interface LoadResult {
  durationSeconds: number;
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses per second. */
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const result = await autocannon({
  url: spec.url,
  method: spec.method,
  headers: spec.headers,
  body: spec.body,
  connections: spec.connections,
  duration: spec.durationSeconds,
  timeout: spec.timeoutSeconds,
});
const ok = result['2xx'];
const output: LoadResult = {
  durationSeconds: result.duration,
  ok,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  throughput: ok / result.duration,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  maxMs: result.latency.max,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
