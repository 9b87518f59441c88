import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateApiToken, hashApiToken } from '../server/auth/apiTokens.js';
import { createDatabase, type DatabaseHandle } from '../server/db/client.js';
import { apiTokens, users } from '../server/db/schema.js';
import { findFreePort } from '../test/support/freePort.js';
import {
  startFakeResend,
  type FakeResend,
} from '../test/support/fakeResend.js';
import { seedTenant } from '../test/support/fixtures.js';
import type { ChaosPostgres } from './chaosPostgres.js';
import { ChaosRedis } from './chaosRedis.js';
import {
  spawnServerProcess,
  type ServerEntry,
  type ServerProcess,
} from './serverProcess.js';
import { startLoad, type LoadRun } from './startLoad.js';
import { StoreJobCounter } from './storeJobCounter.js';
import { waitUntil } from './waitUntil.js';

const SERVER_START_TIMEOUT_MS = 90_000;
const REQUEST_TIMEOUT_MS = 5000;
const QUEUE_PREFIX = 'chaos';

/** The load of one scenario: requests per second, for how long. */
export interface LoadShape {
  ratePerSecond: number;
  durationMs: number;
}

/** The users and patient that the load acts as. */
interface ChaosTenant {
  companyId: string;
  staffUserId: string;
  patientId: string;
  staffToken: string;
  adminToken: string;
}

/**
 * Everything one scenario runs against: a fresh database on the run's
 * PostgreSQL, its own redis-server with AOF, the fake Resend, a temporary
 * uploads folder, and the server processes it starts.
 */
export class ChaosWorld {
  private readonly processes: ServerProcess[] = [];
  private started = 0;
  /** Reads job counts from both stores, whichever process runs. */
  readonly jobCounter: StoreJobCounter;

  private constructor(
    readonly postgres: ChaosPostgres,
    readonly databaseUrl: string,
    readonly database: DatabaseHandle,
    readonly redis: ChaosRedis,
    readonly fakeResend: FakeResend,
    readonly folder: string,
    readonly port: number,
    readonly tenant: ChaosTenant,
  ) {
    this.jobCounter = new StoreJobCounter(databaseUrl, redis.url, QUEUE_PREFIX);
  }

  static async create(
    postgres: ChaosPostgres,
    { startRedis = true } = {},
  ): Promise<ChaosWorld> {
    const databaseUrl = await postgres.createDatabase();
    const database = createDatabase(databaseUrl, () => {});
    const tenant = await seedChaosTenant(database);
    const redis = await ChaosRedis.create();
    if (startRedis) await redis.start();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'il-chaos-'));
    return new ChaosWorld(
      postgres,
      databaseUrl,
      database,
      redis,
      await startFakeResend(),
      folder,
      await findFreePort(),
      tenant,
    );
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get uploadsDir(): string {
    return path.join(this.folder, 'uploads');
  }

  /** The environment of every product process of this world. */
  serverEnv(overrides: Record<string, string> = {}): Record<string, string> {
    const passOn = ['PATH', 'HOME', 'PUPPETEER_EXECUTABLE_PATH'];
    const inherited = Object.fromEntries(
      passOn.flatMap((name) => {
        const value = process.env[name];
        return value ? [[name, value]] : [];
      }),
    );
    return {
      ...inherited,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: String(this.port),
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX,
      OUTBOX_SWEEP_INTERVAL_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '10000',
      RESEND_API_KEY: 're_chaos_fake_key',
      RESEND_BASE_URL: this.fakeResend.baseUrl,
      UPLOADS_DIR: this.uploadsDir,
      VITE_BASE_URL: this.apiUrl,
      ...overrides,
    };
  }

  /**
   * Starts a product process. The API counts as started once
   * /api/health answers 200; a worker process once it logged its start.
   */
  async startServer(
    entry: ServerEntry,
    overrides: Record<string, string> = {},
  ): Promise<ServerProcess> {
    this.started += 1;
    const name = entry === 'server/index.ts' ? 'api' : 'worker';
    const logFile = path.join(this.folder, `${name}-${this.started}.log`);
    const server = spawnServerProcess(
      entry,
      this.serverEnv(overrides),
      logFile,
    );
    this.processes.push(server);
    const ready = await waitUntil(
      async () => {
        if (!server.isRunning()) throw new Error('exited');
        if (entry === 'server/worker.ts') return hasLogged(logFile);
        const response = await fetch(`${this.apiUrl}/api/health`, {
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        return response.status === 200;
      },
      { timeoutMs: SERVER_START_TIMEOUT_MS },
    );
    if (!ready) {
      server.kill('SIGKILL');
      throw new Error(`${entry} did not start; see ${logFile}`);
    }
    return server;
  }

  /** Starts the load driver against the API. */
  load(shape: LoadShape): LoadRun {
    return startLoad({
      url: this.apiUrl,
      token: this.tenant.staffToken,
      patientId: this.tenant.patientId,
      ratePerSecond: shape.ratePerSecond,
      durationMs: shape.durationMs,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    });
  }

  /** GET an API route as the platform admin; undefined when it fails. */
  async getJson<T>(route: string): Promise<T | undefined> {
    try {
      const response = await fetch(`${this.apiUrl}${route}`, {
        headers: { authorization: `Bearer ${this.tenant.adminToken}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      if (response.status !== 200) return undefined;
      return (await response.json()) as T;
    } catch {
      return undefined;
    }
  }

  /** Stops what this world started; keeps the logs when asked to. */
  async close({ keepLogs = false } = {}): Promise<void> {
    for (const server of this.processes) server.kill('SIGKILL');
    await Promise.all(this.processes.map((server) => server.exited));
    await this.jobCounter.close();
    await this.redis.stop();
    await this.fakeResend.close();
    await this.database.close().catch(() => {});
    if (!keepLogs) await rm(this.folder, { recursive: true, force: true });
  }
}

async function hasLogged(logFile: string): Promise<boolean> {
  return (await readFile(logFile, 'utf8')).includes('"server.started"');
}

async function seedChaosTenant(database: DatabaseHandle): Promise<ChaosTenant> {
  const { db } = database;
  const tenant = await seedTenant(db, 'Chaos Optics');
  const [admin] = await db
    .insert(users)
    .values({
      companyId: tenant.company.id,
      role: 'platform_admin',
      name: 'Chaos Operator',
      email: `operator-${tenant.company.id}@example.test`,
    })
    .returning();
  const staffToken = generateApiToken();
  const adminToken = generateApiToken();
  await db.insert(apiTokens).values([
    {
      userId: tenant.staff.id,
      tokenHash: hashApiToken(staffToken),
      label: 'chaos',
    },
    { userId: admin!.id, tokenHash: hashApiToken(adminToken), label: 'chaos' },
  ]);
  return {
    companyId: tenant.company.id,
    staffUserId: tenant.staff.id,
    patientId: tenant.patient.id,
    staffToken,
    adminToken,
  };
}
