import type { OmaValueList } from './decodeAsciiValues.js';
import type { OmaByteStream } from './omaByteStream.js';

/**
 * Reads format 2 (binary absolute) as one 16-bit little-endian word per
 * radius. No sample of this format has been seen, so the caller only uses
 * it when the byte count fits exactly (see `isPlausibleTrace`).
 */
export function decodeBinaryAbsolute(stream: OmaByteStream): OmaValueList {
  const { bytes } = stream;
  const values: number[] = [];
  const lines: number[] = [];

  for (let offset = 0; offset + 1 < bytes.length; offset += 2) {
    values.push((bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8));
    lines.push(stream.lineAt(offset));
  }
  return { values, lines };
}
