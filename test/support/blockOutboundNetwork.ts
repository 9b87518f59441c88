import net from 'node:net';

// Tests talk to loopback only: Redis, PostgreSQL, the fake Resend server and
// the app itself. Anything else is a bug in the test or the code under test.
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

const originalConnect = net.Socket.prototype.connect;

function targetHost(args: unknown[]): string | undefined {
  const [first] = args;
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: string; path?: string };
    if (options.path) return 'localhost';
    return options.host ?? 'localhost';
  }
  if (typeof first === 'number') {
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  return 'localhost';
}

net.Socket.prototype.connect = function guardedConnect(
  this: net.Socket,
  ...args: unknown[]
) {
  const host = targetHost(args);
  if (host && !LOOPBACK.has(host) && !host.startsWith('127.')) {
    throw new Error(`Test tried to reach ${host}; only loopback is allowed`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
