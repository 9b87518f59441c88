import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server that remembers every path asked of it. */
export interface RequestRecorder {
  origin: string;
  paths: string[];
  close(): Promise<void>;
}

/** Starts a recorder on 127.0.0.1 with a port the kernel picks. */
export async function startRequestRecorder(): Promise<RequestRecorder> {
  const paths: string[] = [];
  const server = http.createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('reached');
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
