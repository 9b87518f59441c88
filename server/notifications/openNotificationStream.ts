import type { Request, Response } from 'express';
import { toError } from '../errors/appError.js';
import type { Logger } from '../logger.js';
import type { NotificationHub } from './notificationHub.js';
import type { NotificationRepository } from './notificationRepository.js';
import { toNotificationView } from './notificationView.js';

const SECOND = 1000;
/** A comment line this often keeps proxies from closing an idle stream. */
export const HEARTBEAT_INTERVAL_MS = 15 * SECOND;
/** What a browser waits before it reconnects, sent as `retry:`. */
const RECONNECT_DELAY_MS = 3 * SECOND;
/** Rows read per query while a stream catches up. */
const BATCH_SIZE = 100;

/** Options of {@link openNotificationStream}. */
export interface NotificationStreamOptions {
  req: Request;
  res: Response;
  userId: string;
  hub: NotificationHub;
  repository: NotificationRepository;
  logger: Logger;
  /** Resume after this id (`Last-Event-ID`); unset, only new rows are sent. */
  lastEventId?: number;
  heartbeatIntervalMs?: number;
}

/**
 * Serves one Server-Sent Events stream of a user's notifications. Each
 * event's id is the notification id, so a client that reconnects with
 * `Last-Event-ID` gets every row it missed, read from the table. Live rows
 * come the same way: a signal from the hub makes the stream read rows
 * above the last id it sent, one read at a time, so nothing is sent twice
 * or out of order. A `: ready` comment follows the first read. Closing the
 * connection removes every timer and subscription.
 */
export function openNotificationStream(
  options: NotificationStreamOptions,
): void {
  const { req, res, userId, repository } = options;
  let lastSentId: number | undefined = options.lastEventId;
  let closed = false;
  let reading = false;
  let readAgain = false;

  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write(`retry: ${RECONNECT_DELAY_MS}\n\n`);

  async function sendUnsent(): Promise<void> {
    lastSentId ??= await repository.findLatestId(userId);
    for (;;) {
      const rows = await repository.listAfter(userId, lastSentId, BATCH_SIZE);
      for (const row of rows) {
        if (closed) return;
        const data = JSON.stringify(toNotificationView(row));
        res.write(`id: ${row.id}\nevent: notification\ndata: ${data}\n\n`);
        lastSentId = row.id;
      }
      if (rows.length < BATCH_SIZE) return;
    }
  }

  async function read(): Promise<void> {
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      do {
        readAgain = false;
        await sendUnsent();
      } while (readAgain && !closed);
    } catch (error) {
      options.logger.warn({ err: toError(error) }, 'notifications.read_failed');
    } finally {
      reading = false;
    }
  }

  const heartbeat = setInterval(
    () => res.write(': heartbeat\n\n'),
    options.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS,
  );
  // Subscribed before the first read: a row stored meanwhile wakes a read
  // that runs after it, so it is sent either way.
  const unsubscribe = options.hub.subscribe(userId, {
    wake: () => void read(),
    end: () => res.end(),
  });
  const cleanUp = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', cleanUp);
  res.on('close', cleanUp);
  // Tells the client that the replay is done and live rows follow.
  void read().then(() => {
    if (!closed) res.write(': ready\n\n');
  });
}
