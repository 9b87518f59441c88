import type { OmaValueList } from './decodeAsciiValues.js';
import type { OmaByteStream } from './omaByteStream.js';

/**
 * Reads format 3 (binary differential): the first radius is a 16-bit
 * little-endian word, each later one a signed 8-bit step from the previous.
 */
export function decodeBinaryDifferential(stream: OmaByteStream): OmaValueList {
  const { bytes } = stream;
  if (bytes.length < 2) return { values: [], lines: [] };

  let radius = (bytes[0] ?? 0) | ((bytes[1] ?? 0) << 8);
  const values = [radius];
  const lines = [stream.lineAt(0)];

  for (let offset = 2; offset < bytes.length; offset += 1) {
    const step = bytes[offset] ?? 0;
    radius += step > 127 ? step - 256 : step;
    values.push(radius);
    lines.push(stream.lineAt(offset));
  }
  return { values, lines };
}
