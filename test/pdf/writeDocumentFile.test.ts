import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDocumentFile } from '../../server/pdf/writeDocumentFile.js';

describe('writeDocumentFile', () => {
  let uploadsDir: string;

  beforeEach(async () => {
    uploadsDir = await mkdtemp(path.join(os.tmpdir(), 'il-uploads-'));
  });

  afterEach(async () => {
    await rm(uploadsDir, { recursive: true, force: true });
  });

  it('stores the bytes with their size and hash when the folder is new', async () => {
    const bytes = Buffer.from('%PDF-1.4 test');
    const target = { uploadsDir, folder: 'pdfs/company-1', fileName: 'a.pdf' };

    const stored = await writeDocumentFile(target, bytes);

    expect(stored).toEqual({
      relativePath: 'pdfs/company-1/a.pdf',
      sizeBytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const written = await readFile(
      path.join(uploadsDir, 'pdfs/company-1/a.pdf'),
    );
    expect(written.equals(bytes)).toBe(true);
  });

  it('replaces the file and leaves no temporary file when written twice', async () => {
    const target = { uploadsDir, folder: 'pdfs/c', fileName: 'a.pdf' };

    await writeDocumentFile(target, Buffer.from('first'));
    await writeDocumentFile(target, Buffer.from('second'));

    const folder = path.join(uploadsDir, 'pdfs/c');
    expect(await readdir(folder)).toEqual(['a.pdf']);
    expect(await readFile(path.join(folder, 'a.pdf'), 'utf8')).toBe('second');
  });
});
