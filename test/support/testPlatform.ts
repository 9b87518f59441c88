import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateApiToken, hashApiToken } from '../../server/auth/apiTokens.js';
import type { Database } from '../../server/db/client.js';
import { apiTokens } from '../../server/db/schema.js';
import { startPlatform, type Platform } from '../../server/platform.js';
import { createTestConfig } from './testConfig.js';
import { createTestLogger } from './testLogger.js';

/** A running platform on a test database, with its own uploads folder. */
export interface TestPlatform extends Platform {
  url: string;
  uploadsDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the API and the workers in this process, as `npm run dev` does,
 * on an ephemeral loopback port.
 */
export async function startTestPlatform(
  databaseUrl: string,
  env: Record<string, string | undefined> = {},
): Promise<TestPlatform> {
  const uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-uploads-'));
  const config = createTestConfig({
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    UPLOADS_DIR: uploadsDir,
    ...env,
  });
  const platform = await startPlatform({
    config,
    logger: createTestLogger(),
    http: true,
  });
  return {
    ...platform,
    url: platform.url!,
    uploadsDir,
    stop: async () => {
      await platform.close();
      await rm(uploadsDir, { recursive: true, force: true });
    },
  };
}

/** Issues a token for `userId` and returns the secret. */
export async function issueTestToken(
  db: Database,
  userId: string,
): Promise<string> {
  const token = generateApiToken();
  await db.insert(apiTokens).values({ userId, tokenHash: hashApiToken(token) });
  return token;
}
