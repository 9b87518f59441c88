import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Both tools come with Debian's poppler-utils package.
async function withPdfFile<T>(
  bytes: Uint8Array,
  use: (file: string) => Promise<T>,
): Promise<T> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'il-pdf-test-'));
  const file = path.join(folder, 'document.pdf');
  try {
    await writeFile(file, bytes);
    return await use(file);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The text of a PDF as pdftotext reads it, in reading order. */
export function extractPdfText(bytes: Uint8Array): Promise<string> {
  return withPdfFile(bytes, async (file) => {
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    return stdout;
  });
}

/** Width and height of every image a PDF embeds, as pdfimages lists them. */
export function listPdfImageSizes(
  bytes: Uint8Array,
): Promise<{ width: number; height: number }[]> {
  return withPdfFile(bytes, async (file) => {
    const { stdout } = await run('pdfimages', ['-list', file]);
    // Two header lines, then one line per image: page, num, type, width,
    // height, ...
    return stdout
      .trim()
      .split('\n')
      .slice(2)
      .map((line) => {
        const [, , , width, height] = line.trim().split(/\s+/);
        return { width: Number(width), height: Number(height) };
      });
  });
}

/** True when the bytes start like a PDF file. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}
