import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationHub } from './createNotificationHubForTest.js';
import type { NotificationHub } from '../../server/notifications/notificationHub.js';
import { createNotificationRepository } from '../../server/notifications/notificationRepository.js';
import { createErrorHandler } from '../../server/routes/errorHandler.js';
import { createNotificationRoutes } from '../../server/routes/notificationRoutes.js';
import { seedTenant, type Tenant } from '../support/fixtures.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import { createTestLogger } from '../support/testLogger.js';
import { waitFor } from '../support/waitFor.js';
import { openEventStream, type SseConnection } from './sseClient.js';

const logger = createTestLogger();

/**
 * The notification routes behind a stand-in for authentication: the
 * `x-test-user` header names the caller, so that the hub's subscriptions
 * can be inspected directly.
 */
describe('notification routes and stream', () => {
  let database: TestDatabase;
  let tenant: Tenant;
  let hub: NotificationHub;
  let server: Server;
  let baseUrl: string;
  const streams: SseConnection[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await seedTenant(database.handle.db);
    hub = await createNotificationHub(database.url);
    const app = express();
    app.use((req, _res, next) => {
      const user = req.get('x-test-user') === 'admin' ? 'admin' : 'staff';
      req.user = {
        id: tenant[user].id,
        companyId: tenant.company.id,
        role: tenant[user].role,
      };
      next();
    });
    app.use(
      '/api/notifications',
      createNotificationRoutes(database.handle.db, hub, logger, {
        heartbeatIntervalMs: 50,
      }),
    );
    app.use(createErrorHandler(logger));
    server = await new Promise<Server>((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await waitFor(() => hub.subscriberCount() === 0, {
      what: 'every stream to unsubscribe',
    });
  });
  afterAll(async () => {
    await hub?.close();
    await new Promise((resolve) => server?.close(resolve));
    await database?.drop();
  });

  async function store(user: 'admin' | 'staff', title: string) {
    const { row } = await createNotificationRepository(
      database.handle.db,
    ).storeNotification({
      userId: tenant[user].id,
      companyId: tenant.company.id,
      kind: 'briefing-ready',
      title,
      body: 'body',
      link: null,
      jobId: null,
    });
    return row;
  }

  async function open(headers: Record<string, string> = {}, query = '') {
    const stream = await openEventStream(
      `${baseUrl}/api/notifications/stream${query}`,
      { 'x-test-user': 'staff', ...headers },
    );
    streams.push(stream);
    return stream;
  }

  function titles(stream: SseConnection) {
    return stream.events.map(
      (event) => (JSON.parse(event.data) as { title: string }).title,
    );
  }

  it('replays what came after Last-Event-ID, in order, then goes live', async () => {
    const first = await store('staff', 'first');
    await store('staff', 'second');
    await store('staff', 'third');

    const stream = await open({ 'last-event-id': String(first.id) });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.waitForEvents(2);
    const live = await store('staff', 'fourth');
    await stream.waitForEvents(3);

    expect(titles(stream)).toEqual(['second', 'third', 'fourth']);
    expect(stream.events.at(-1)).toMatchObject({
      id: String(live.id),
      event: 'notification',
    });
  });

  it('sends only new notifications when no event id is given', async () => {
    await store('staff', 'old');
    const stream = await open();
    await waitFor(() => stream.comments.includes('ready'));
    await store('staff', 'new');

    await stream.waitForEvents(1);
    expect(titles(stream)).toEqual(['new']);
  });

  it("never sends another user's notifications", async () => {
    const stream = await open({ 'last-event-id': '0' });
    await store('admin', 'for the admin');
    const own = await store('staff', 'for the staff');

    await waitFor(() =>
      stream.events.some((event) => event.id === String(own.id)),
    );
    expect(titles(stream)).not.toContain('for the admin');
  });

  it('unsubscribes and stops its heartbeat when the client goes away', async () => {
    const stream = await open();
    await waitFor(() => stream.comments.includes('heartbeat'));
    expect(hub.subscriberCount()).toBe(1);

    stream.close();
    await waitFor(() => hub.subscriberCount() === 0, {
      what: 'the subscription to go',
    });
  });

  it('catches up after the listening connection was cut', async () => {
    const stream = await open({ 'last-event-id': '0' });
    const before = await store('staff', 'before the cut');
    await waitFor(() =>
      stream.events.some((event) => event.id === String(before.id)),
    );
    await database.handle.db.execute(sql`
      select pg_terminate_backend(pid) from pg_stat_activity
       where datname = current_database()
         and query ilike 'listen notification_created%'`);
    const during = await store('staff', 'while nobody listened');

    await waitFor(
      () => stream.events.some((event) => event.id === String(during.id)),
      { what: 'the missed notification after reconnecting' },
    );
  });

  it('answers 400 for a Last-Event-ID that is not a number', async () => {
    const response = await fetch(`${baseUrl}/api/notifications/stream`, {
      headers: { 'last-event-id': 'yesterday' },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('lastEventId');
  });

  it('pages the list newest first with a cursor', async () => {
    for (const title of ['a', 'b', 'c']) await store('admin', title);
    const page1 = await fetch(`${baseUrl}/api/notifications?limit=2`, {
      headers: { 'x-test-user': 'admin' },
    });
    const first = (await page1.json()) as {
      notifications: { id: number }[];
      nextBefore: number;
    };
    const page2 = await fetch(
      `${baseUrl}/api/notifications?limit=2&before=${first.nextBefore}`,
      { headers: { 'x-test-user': 'admin' } },
    );
    const second = (await page2.json()) as { notifications: { id: number }[] };

    const ids = [...first.notifications, ...second.notifications].map(
      (item) => item.id,
    );
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers 400 naming the parameter for a bad page size', async () => {
    const response = await fetch(`${baseUrl}/api/notifications?limit=0`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('limit');
  });

  it("marks the caller's own notification read, and hides others' as 404", async () => {
    const own = await store('staff', 'to read');
    const foreign = await store('admin', 'not yours');

    const read = await fetch(`${baseUrl}/api/notifications/${own.id}/read`, {
      method: 'POST',
    });
    const other = await fetch(
      `${baseUrl}/api/notifications/${foreign.id}/read`,
      { method: 'POST' },
    );

    expect(read.status).toBe(200);
    const body = (await read.json()) as { notification: { readAt: string } };
    expect(Date.parse(body.notification.readAt)).not.toBeNaN();
    expect(other.status).toBe(404);
  });
});
