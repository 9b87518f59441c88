import { readdir } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSecurityPlatform,
  type SecurityPlatform,
} from './securityPlatform.js';

let security: SecurityPlatform;
let token: string;
let patientId: string;

const post = (url: string) =>
  request(security.url).post(url).set('Authorization', `Bearer ${token}`);
const get = (url: string) =>
  request(security.url).get(url).set('Authorization', `Bearer ${token}`);

const item = { description: 'Lenses', quantity: 1, unitPrice: 10 };

beforeAll(async () => {
  security = await startSecurityPlatform();
  token = security.home.callers.staff.token;
  patientId = security.home.tenant.patient.id;
});

afterAll(async () => {
  await security?.close();
});

describe('request bodies', () => {
  it('answers 413 when the JSON body passes the size limit', async () => {
    const response = await post('/api/orders')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ patientId, padding: 'x'.repeat(200_000) }));

    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await post('/api/orders')
      .set('Content-Type', 'application/json')
      .send('{"patientId": ');

    expect(response.status).toBe(400);
  });

  it.each([
    [
      'a description over 200 characters',
      { items: [{ ...item, description: 'x'.repeat(201) }] },
    ],
    ['over 100 items', { items: Array.from({ length: 101 }, () => item) }],
    ['no items', { items: [] }],
    ['an unknown field', { items: [item], companyId: 'another-company' }],
    [
      'an unknown field in an item',
      { items: [{ ...item, unitPriceCents: 1 }] },
    ],
    [
      'a patient id that is not a UUID',
      { items: [item], patientId: "1' or '1'='1" },
    ],
  ])('answers 400 naming the field for %s', async (_what, change) => {
    const response = await post('/api/orders').send({ patientId, ...change });

    expect(response.status).toBe(400);
    expect(response.body.error.details.issues.length).toBeGreaterThan(0);
  });
});

describe('ids in paths', () => {
  it.each([
    '/api/orders/not-a-uuid',
    "/api/orders/1'%20or%20'1'='1",
    '/api/documents/..%2F..%2Fetc%2Fpasswd',
    '/api/jobs/emails/123',
    '/api/jobs/no-such-queue/00000000-0000-4000-8000-000000000000',
  ])('answers 400 before any query for %s', async (url) => {
    const response = await get(url);

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
  });
});

type AnyZod = z.ZodType & { _zod: { def: Record<string, unknown> } };

/** Paths of object schemas inside `schema` that accept unknown keys. */
function findLooseObjects(schema: AnyZod, at: string): string[] {
  const def = schema._zod.def;
  const inner = (key: string) => def[key] as AnyZod | undefined;
  switch (def.type) {
    case 'object': {
      const catchall = inner('catchall');
      const loose = catchall?._zod.def.type === 'never' ? [] : [at];
      const shape = def.shape as Record<string, AnyZod>;
      return loose.concat(
        ...Object.entries(shape).map(([key, value]) =>
          findLooseObjects(value, `${at}.${key}`),
        ),
      );
    }
    case 'array':
      return findLooseObjects(inner('element')!, `${at}[]`);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      return findLooseObjects(inner('innerType')!, at);
    case 'pipe':
      return findLooseObjects(inner('in')!, at);
    default:
      return [];
  }
}

describe('request schemas in shared/api', () => {
  it('reject unknown fields in every body and query, nested ones included', async () => {
    const folder = path.resolve('shared/api');
    const loose: string[] = [];
    let checked = 0;
    for (const file of await readdir(folder)) {
      if (!file.endsWith('.ts')) continue;
      const module = (await import(path.join(folder, file))) as Record<
        string,
        unknown
      >;
      for (const [name, value] of Object.entries(module)) {
        if (!/(Request|Query)$/.test(name)) continue;
        checked += 1;
        loose.push(...findLooseObjects(value as AnyZod, `${file}:${name}`));
      }
    }

    expect(checked).toBeGreaterThan(2);
    expect(loose).toEqual([]);
  });
});
