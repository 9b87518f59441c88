import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Where a document file was stored and what it holds. */
export interface StoredFile {
  /** Relative to the uploads folder, with forward slashes. */
  relativePath: string;
  sizeBytes: number;
  /** Hex SHA-256 of the bytes written. */
  sha256: string;
}

/** Where to put one file: folders and name are made by the server. */
export interface DocumentFileTarget {
  uploadsDir: string;
  /** Relative folder with forward slashes, e.g. `pdfs/<companyId>`. */
  folder: string;
  fileName: string;
}

/**
 * Writes a file so that readers see the old content or the new, never a
 * partial one: the bytes go to a temporary file in the same folder, are
 * flushed to disk, and then renamed over the final name. A process killed
 * mid-write can leave a hidden `.tmp` file in the folder, never a partial
 * file under a document's name.
 */
export async function writeDocumentFile(
  target: DocumentFileTarget,
  bytes: Uint8Array,
): Promise<StoredFile> {
  const relativePath = path.posix.join(target.folder, target.fileName);
  const finalPath = path.join(target.uploadsDir, relativePath);
  const folder = path.dirname(finalPath);
  // A unique temporary name keeps two attempts of one job from sharing it.
  const tempPath = path.join(folder, `.${randomUUID()}.tmp`);
  await mkdir(folder, { recursive: true });

  try {
    const file = await open(tempPath, 'wx', 0o640);
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(tempPath, finalPath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { relativePath, sizeBytes: bytes.byteLength, sha256 };
}
