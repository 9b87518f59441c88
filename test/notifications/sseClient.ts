import { waitFor } from '../support/waitFor.js';

/** One Server-Sent Event as a browser would dispatch it. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** An open event stream read in the background. */
export interface SseConnection {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
  /** Resolves once `count` events have arrived. */
  waitForEvents(count: number): Promise<SseEvent[]>;
  close(): void;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
}

function parseBlock(block: string, connection: SseConnection): void {
  const event: SseEvent = { data: '' };
  const data: string[] = [];
  let hasField = false;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      connection.comments.push(line.slice(1).trim());
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') event.id = value;
    else if (field === 'event') event.event = value;
    else if (field === 'data') data.push(value);
    else continue;
    hasField = true;
  }
  if (hasField && data.length > 0) {
    event.data = data.join('\n');
    connection.events.push(event);
  }
}

/** Opens `url` as an event stream with the given request headers. */
export async function openEventStream(
  url: string,
  headers: Record<string, string>,
): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const connection: SseConnection = {
    status: response.status,
    headers: response.headers,
    events: [],
    comments: [],
    waitForEvents: (count) =>
      waitFor(() => connection.events.length >= count && connection.events, {
        what: `${count} stream events`,
        timeoutMs: 20_000,
      }),
    close: () => abort.abort(),
    ended: Promise.resolve(),
  };
  if (!response.body) return connection;

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  connection.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          parseBlock(buffer.slice(0, end), connection);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close(): the stream simply ends.
    }
  })();
  return connection;
}
