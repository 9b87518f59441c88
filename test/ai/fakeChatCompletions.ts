import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers the next requests. */
export type FakeMode =
  | { kind: 'ok'; content: string }
  | { kind: 'garbage' }
  | { kind: 'no-choices' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server-error' }
  | { kind: 'hang' };

/** A chat-completions API on loopback that answers as told. */
export interface FakeChatCompletions {
  baseUrl: string;
  requests: { authorization?: string; body: Record<string, unknown> }[];
  setMode(mode: FakeMode): void;
  close(): Promise<void>;
}

export async function startFakeChatCompletions(): Promise<FakeChatCompletions> {
  let mode: FakeMode = { kind: 'ok', content: 'A quiet day.' };
  const requests: FakeChatCompletions['requests'] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      requests.push({
        authorization: req.headers.authorization,
        body: JSON.parse(raw) as Record<string, unknown>,
      });
      if (req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      switch (mode.kind) {
        case 'ok':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              choices: [
                { message: { role: 'assistant', content: mode.content } },
              ],
            }),
          );
          return;
        case 'garbage':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('<html>definitely not json');
          return;
        case 'no-choices':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ choices: [] }));
          return;
        case 'rate-limited':
          res.writeHead(429, { 'retry-after': String(mode.retryAfterSeconds) });
          res.end('slow down');
          return;
        case 'server-error':
          res.writeHead(503).end();
          return;
        case 'hang':
          // Headers go out, the body never ends: the client must time out.
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"choices": [');
          return;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1/`,
    requests,
    setMode: (next) => (mode = next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
