import pg from 'pg';
import { toError } from '../errors/appError.js';
import type { Logger } from '../logger.js';
import {
  NOTIFICATION_CHANNEL,
  parseNotificationSignal,
} from './notificationChannel.js';

const SECOND = 1000;
const RECONNECT_MIN_MS = SECOND;
const RECONNECT_MAX_MS = 30 * SECOND;

/** One open stream, as the hub knows it. */
export interface NotificationSubscriber {
  /** New rows may exist for the user: read them from the table. */
  wake(): void;
  /** The process is stopping: end the stream. */
  end(): void;
}

/** Options of {@link NotificationHub}. */
export interface NotificationHubOptions {
  databaseUrl: string;
  logger: Logger;
}

/**
 * Listens on the notification channel with one dedicated connection and
 * wakes the open streams of the user each signal names. Signals come from
 * whichever process stored the row, so a stream sees notifications that a
 * worker anywhere created. After a lost connection it reconnects with a
 * capped backoff and wakes every stream, which then reads what it missed.
 */
export class NotificationHub {
  private readonly subscribers = new Map<string, Set<NotificationSubscriber>>();
  private client: pg.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  private closed = false;

  constructor(private readonly options: NotificationHubOptions) {}

  /** Connects and listens; fails when the database cannot be reached. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** Adds a stream of `userId`; the returned function removes it. */
  subscribe(userId: string, subscriber: NotificationSubscriber): () => void {
    let set = this.subscribers.get(userId);
    if (!set) {
      set = new Set();
      this.subscribers.set(userId, set);
    }
    set.add(subscriber);
    return () => {
      const current = this.subscribers.get(userId);
      current?.delete(subscriber);
      if (current?.size === 0) this.subscribers.delete(userId);
    };
  }

  /** Open streams in this process, for health and tests. */
  subscriberCount(): number {
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /** Ends every stream and the listening connection. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    for (const set of [...this.subscribers.values()]) {
      for (const subscriber of [...set]) subscriber.end();
    }
    this.subscribers.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      const signal = parseNotificationSignal(message.payload);
      if (signal) this.wakeUser(signal.userId);
    });
    client.on('error', (error) => this.handleLost(client, error));
    client.on('end', () => this.handleLost(client));
    await client.connect();
    await client.query(`listen ${NOTIFICATION_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    this.reconnectDelayMs = RECONNECT_MIN_MS;
  }

  private wakeUser(userId: string): void {
    for (const subscriber of this.subscribers.get(userId) ?? []) {
      subscriber.wake();
    }
  }

  private handleLost(client: pg.Client, error?: Error): void {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    this.options.logger.warn(
      { err: error?.message, retryInMs: this.reconnectDelayMs },
      'notifications.listener_lost',
    );
    client.end().catch(() => {});
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delayMs = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(delayMs * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.connect().then(
        () => {
          this.options.logger.info('notifications.listener_restored');
          // Signals sent while no connection listened are gone; every
          // stream reads the table for what it has not sent yet.
          for (const userId of this.subscribers.keys()) this.wakeUser(userId);
        },
        (error: unknown) => {
          this.options.logger.warn(
            { err: toError(error).message, retryInMs: this.reconnectDelayMs },
            'notifications.listener_reconnect_failed',
          );
          if (!this.closed) this.scheduleReconnect();
        },
      );
    }, delayMs);
  }
}
