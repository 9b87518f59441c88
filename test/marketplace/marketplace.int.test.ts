import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from '../notifications/sseClient.js';
import { seedTenant, type Tenant } from '../support/fixtures.js';
import {
  createTestDatabase,
  type TestDatabase,
} from '../support/testDatabase.js';
import {
  issueTestToken,
  startTestPlatform,
  type TestPlatform,
} from '../support/testPlatform.js';
import { TEST_STORES } from '../support/testStores.js';
import { waitFor } from '../support/waitFor.js';

interface Parties {
  requester: Tenant;
  target: Tenant;
  requesterToken: string;
  targetAdminToken: string;
}

async function seedParties(database: TestDatabase): Promise<Parties> {
  const db = database.handle.db;
  const requester = await seedTenant(db, `Requester ${randomUUID()}`);
  const target = await seedTenant(db, `Target ${randomUUID()}`);
  return {
    requester,
    target,
    requesterToken: await issueTestToken(db, requester.staff.id),
    targetAdminToken: await issueTestToken(db, target.admin.id),
  };
}

/** The parts of the answers these tests read. */
interface ApiBody {
  connection: { id: number; status: string };
  notifications: { kind: string; title: string }[];
  error: { message: string };
}

function createClient(platform: TestPlatform) {
  return async (
    method: string,
    route: string,
    token: string,
    body?: unknown,
  ) => {
    const response = await fetch(`${platform.url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as ApiBody;
    return { status: response.status, body: json };
  };
}

async function readMailbox(uploadsDir: string): Promise<string[]> {
  const folder = path.join(uploadsDir, 'emails');
  const names = await readdir(folder).catch(() => []);
  return Promise.all(
    names
      .filter((name) => name.endsWith('.eml'))
      .map((name) => readFile(path.join(folder, name), 'utf8')),
  );
}

describe.each(TEST_STORES)(
  'marketplace flow on the $store store',
  ({ env }) => {
    let database: TestDatabase;
    let platform: TestPlatform;

    beforeAll(async () => {
      database = await createTestDatabase();
      platform = await startTestPlatform(database.url, env);
    });
    afterAll(async () => {
      await platform?.stop();
      await database?.drop();
    });

    it('emails and notifies the target admins of a new request', async () => {
      const parties = await seedParties(database);
      const call = createClient(platform);
      const stream = await openEventStream(
        `${platform.url}/api/notifications/stream`,
        { authorization: `Bearer ${parties.targetAdminToken}` },
      );
      try {
        await waitFor(() => stream.comments.includes('ready'));
        const created = await call(
          'POST',
          '/api/marketplace/connections',
          parties.requesterToken,
          { targetCompanyId: parties.target.company.id },
        );
        expect(created.status).toBe(201);
        expect(created.body.connection).toMatchObject({ status: 'pending' });

        const [event] = await stream.waitForEvents(1);
        expect(JSON.parse(event!.data)).toMatchObject({
          kind: 'marketplace-request',
          title: `${parties.requester.company.name} wants to connect`,
          link: `/api/marketplace/connections/${created.body.connection.id}`,
        });
        const mail = await waitFor(async () =>
          (await readMailbox(platform.uploadsDir)).find((eml) =>
            eml.includes(parties.target.admin.email),
          ),
        );
        expect(mail).toContain(parties.requester.company.name);
      } finally {
        stream.close();
      }
    });

    it('notifies the requesting user when the target accepts', async () => {
      const parties = await seedParties(database);
      const call = createClient(platform);
      const created = await call(
        'POST',
        '/api/marketplace/connections',
        parties.requesterToken,
        { targetCompanyId: parties.target.company.id },
      );
      const id = created.body.connection.id;

      const accepted = await call(
        'POST',
        `/api/marketplace/connections/${id}/accept`,
        parties.targetAdminToken,
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body.connection.status).toBe('accepted');

      const notification = await waitFor(async () => {
        const list = await call(
          'GET',
          '/api/notifications',
          parties.requesterToken,
        );
        return (
          list.body.notifications as { kind: string; title: string }[]
        ).find((item) => item.kind === 'marketplace-accepted');
      });
      expect(notification.title).toBe(
        `${parties.target.company.name} accepted your connection request`,
      );
    });
  },
);

describe('marketplace bad input', () => {
  let database: TestDatabase;
  let platform: TestPlatform;
  let parties: Parties;
  let call: ReturnType<typeof createClient>;

  beforeAll(async () => {
    database = await createTestDatabase();
    platform = await startTestPlatform(database.url);
    parties = await seedParties(database);
    call = createClient(platform);
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
  });

  const request = (token: string, targetCompanyId: unknown) =>
    call('POST', '/api/marketplace/connections', token, { targetCompanyId });

  it('answers 400 for a connection to the own company', async () => {
    const response = await request(
      parties.requesterToken,
      parties.requester.company.id,
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('targetCompanyId');
  });

  it('answers 404 naming the target for an unknown company', async () => {
    const response = await request(parties.requesterToken, randomUUID());
    expect(response.status).toBe(404);
    expect(response.body.error.message).toBe('Target company not found');
  });

  it('answers 400 for a target that is not a company id', async () => {
    const response = await request(parties.requesterToken, 'northside');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('targetCompanyId');
  });

  it('answers 409 for a second request between the same companies, either way', async () => {
    const other = await seedParties(database);
    const first = await request(other.requesterToken, other.target.company.id);
    const again = await request(other.requesterToken, other.target.company.id);
    const reverse = await request(
      other.targetAdminToken,
      other.requester.company.id,
    );

    expect(first.status).toBe(201);
    expect(again.status).toBe(409);
    expect(reverse.status).toBe(409);
  });

  it('lets only the target company answer, and only once', async () => {
    const other = await seedParties(database);
    const created = await request(
      other.requesterToken,
      other.target.company.id,
    );
    const id = created.body.connection.id;
    const answer = (token: string, verb: string) =>
      call('POST', `/api/marketplace/connections/${id}/${verb}`, token);

    expect((await answer(other.requesterToken, 'accept')).status).toBe(404);
    expect((await answer(parties.targetAdminToken, 'accept')).status).toBe(404);
    expect((await answer(other.targetAdminToken, 'decline')).status).toBe(200);
    const late = await answer(other.targetAdminToken, 'accept');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe('The request was already declined');
  });

  it('accepts a new request after a declined one', async () => {
    const other = await seedParties(database);
    const first = await request(other.requesterToken, other.target.company.id);
    await call(
      'POST',
      `/api/marketplace/connections/${first.body.connection.id}/decline`,
      other.targetAdminToken,
    );
    const second = await request(other.requesterToken, other.target.company.id);
    expect(second.status).toBe(201);
  });

  it('answers 400 for a connection id that is not a number', async () => {
    const response = await call(
      'POST',
      '/api/marketplace/connections/abc/accept',
      parties.targetAdminToken,
    );
    expect(response.status).toBe(400);
  });
});
