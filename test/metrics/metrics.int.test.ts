import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { waitFor } from '../support/waitFor.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the Prometheus text format: every line is a comment
 * (# HELP / # TYPE) or `name{labels} value`; anything else fails the test.
 */
function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  const sampleLine =
    /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$/;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/);
      continue;
    }
    const match = sampleLine.exec(line);
    expect(match, line).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const pair of (match![2] ?? '').matchAll(
      /(\w+)="((?:[^"\\]|\\.)*)"/g,
    )) {
      labels[pair[1]!] = pair[2]!;
    }
    samples.push({ name: match![1]!, labels, value: Number(match![3]) });
  }
  return samples;
}

function valueOf(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samples
    .filter(
      (sample) =>
        sample.name === name &&
        Object.entries(labels).every(([k, v]) => sample.labels[k] === v),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

describe('GET /metrics', () => {
  let database: TestDatabase;
  let platform: TestPlatform;
  let tenant: Tenant;
  let token: string;

  async function scrape(): Promise<Sample[]> {
    const response = await fetch(`${platform.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return parsePrometheusText(await response.text());
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    tenant = await seedTenant(database.handle.db);
    token = await issueTestToken(database.handle.db, tenant.staff.id);
    platform = await startTestPlatform(database.url, {
      METRICS_TOKEN,
    });
  });
  afterAll(async () => {
    await platform?.stop();
    await database?.drop();
  });

  it('asks for the metrics token', async () => {
    const none = await fetch(`${platform.url}/metrics`);
    const wrong = await fetch(`${platform.url}/metrics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(none.status).toBe(401);
    expect(wrong.status).toBe(401);
  });

  it('reports store, Redis, queue depths and process metrics', async () => {
    const samples = await scrape();
    expect(valueOf(samples, 'integratedlens_redis_up')).toBe(1);
    expect(
      valueOf(samples, 'integratedlens_queue_store_in_use', { store: 'redis' }),
    ).toBe(1);
    expect(valueOf(samples, 'integratedlens_redis_failovers_total')).toBe(0);
    const depths = samples.filter(
      (s) => s.name === 'integratedlens_queue_jobs',
    );
    // Six queues, two stores, four states.
    expect(depths).toHaveLength(48);
    expect(
      samples.some((s) => s.name === 'process_cpu_user_seconds_total'),
    ).toBe(true);
  });

  it('moves job counters and the duration histogram when jobs run', async () => {
    const before = await scrape();
    const labels = { queue: 'emails', job_name: 'order-confirmation' };
    const completedBefore = valueOf(
      before,
      'integratedlens_jobs_completed_total',
      labels,
    );
    const response = await fetch(`${platform.url}/api/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        patientId: tenant.patient.id,
        items: [{ description: 'Frame repair', quantity: 1, unitPrice: 20 }],
      }),
    });
    expect(response.status).toBe(201);

    const after = await waitFor(async () => {
      const samples = await scrape();
      const sheetsDone = valueOf(
        samples,
        'integratedlens_jobs_completed_total',
        {
          queue: 'pdfs',
          job_name: 'order-sheet',
        },
      );
      return sheetsDone === 1 && samples;
    });
    expect(valueOf(after, 'integratedlens_jobs_completed_total', labels)).toBe(
      completedBefore + 1,
    );
    expect(
      valueOf(after, 'integratedlens_job_duration_seconds_count', {
        ...labels,
        outcome: 'completed',
      }),
    ).toBe(completedBefore + 1);
    expect(
      valueOf(after, 'integratedlens_job_duration_seconds_bucket', {
        ...labels,
        le: '+Inf',
      }),
    ).toBe(completedBefore + 1);
  });
});
