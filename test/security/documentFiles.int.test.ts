import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documents } from '../../server/db/schema.js';
import {
  startSecurityPlatform,
  type SecurityPlatform,
} from './securityPlatform.js';

const SECRET_TEXT = 'outside-the-uploads-folder';
let security: SecurityPlatform;
let outsideDir: string;
let outsideFile: string;

async function insertDocument(storedPath: string, companyId?: string) {
  const [row] = await security.db
    .insert(documents)
    .values({
      companyId: companyId ?? security.home.tenant.company.id,
      type: 'invoice',
      path: storedPath,
      sizeBytes: 10,
      sha256: '0'.repeat(64),
      jobId: randomUUID(),
    })
    .returning();
  return row!.id;
}

// Read every answer as raw bytes, whatever its content type says.
const download = (id: string, token = security.home.callers.staff.token) =>
  request(security.url)
    .get(`/api/documents/${id}`)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        callback(null, Buffer.concat(chunks).toString('utf8')),
      );
    });

beforeAll(async () => {
  security = await startSecurityPlatform();
  // A readable file beside the uploads folder, where `../` would lead.
  outsideDir = await mkdtemp(path.join(os.tmpdir(), 'il-outside-'));
  outsideFile = path.join(outsideDir, 'secret.pdf');
  await writeFile(outsideFile, SECRET_TEXT);
});

afterAll(async () => {
  await security?.close();
  await rm(outsideDir, { recursive: true, force: true });
});

describe('GET /api/documents/:id', () => {
  it('serves a file of the caller company from the uploads folder', async () => {
    const relative = `pdfs/${security.home.tenant.company.id}/ok.pdf`;
    await mkdir(path.join(security.uploadsDir, path.dirname(relative)), {
      recursive: true,
    });
    await writeFile(path.join(security.uploadsDir, relative), '%PDF-1.4 ok');

    const response = await download(await insertDocument(relative));

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
  });

  it.each([
    [
      'a relative path climbing out',
      () => path.relative(security.uploadsDir, outsideFile),
    ],
    ['an absolute path', () => outsideFile],
    ['a path to the password file', () => '../../../../../../etc/passwd'],
    ['an encoded climb', () => '..%2f..%2fetc%2fpasswd'],
  ])(
    'answers 404 and serves nothing when the row holds %s',
    async (_what, stored) => {
      const response = await download(await insertDocument(stored()));

      expect(response.status).toBe(404);
      expect(response.body).not.toContain(SECRET_TEXT);
      expect(response.body).not.toContain('root:');
      // A refusal is an error answer, not a PDF download.
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toBeUndefined();
    },
  );

  it('answers 404 for a document of another company', async () => {
    const id = await insertDocument(
      'pdfs/other/x.pdf',
      security.other.tenant.company.id,
    );

    expect((await download(id)).status).toBe(404);
  });
});
