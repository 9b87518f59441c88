import type { OmaValueList } from './decodeAsciiValues.js';
import type { OmaByteStream } from './omaByteStream.js';

/** Radii of a packed trace, and how much data was left after the last. */
export interface OmaPackedValues extends OmaValueList {
  /** Unread 4-bit units after `count` radii; one is padding, more is data. */
  unreadNibbles: number;
}

const SWITCH_TO_8_BIT_WORD = 0x8000;
const SWITCH_TO_4_BIT_BYTE = 0x80;
const SWITCH_TO_16_BIT_BYTE = 0x81;
const SWITCH_TO_8_BIT_NIBBLE = 0x8;

/**
 * Reads format 4 (packed binary, DCS Annex B) as a stream of 4-bit units.
 * 16-bit mode holds absolute words (low byte first); 8-bit mode holds signed
 * first differences; 4-bit mode holds signed second differences. Words and
 * bytes may start on any nibble, which is why the stream is read by nibble.
 */
export function decodePackedBinary(
  stream: OmaByteStream,
  count: number,
): OmaPackedValues {
  const nibbleCount = stream.bytes.length * 2;
  const values: number[] = [];
  const lines: number[] = [];
  let position = 0;
  let mode: 16 | 8 | 4 = 16;
  let step = 0;

  const read = (nibbles: number): number | null => {
    if (position + nibbles > nibbleCount) return null;
    let value = 0;
    for (let index = 0; index < nibbles; index += 1) {
      const byte = stream.bytes[(position + index) >> 1] ?? 0;
      const nibble = (position + index) % 2 === 0 ? byte >> 4 : byte & 0xf;
      value = (value << 4) | nibble;
    }
    position += nibbles;
    return value;
  };
  const push = (radius: number, startNibble: number) => {
    step = values.length === 0 ? 0 : radius - (values.at(-1) ?? 0);
    values.push(radius);
    lines.push(stream.lineAt(startNibble >> 1));
  };

  while (values.length < count) {
    const startNibble = position;
    const last = values.at(-1) ?? 0;

    if (mode === 16) {
      const swapped = read(4);
      if (swapped === null) break;
      const word = ((swapped & 0xff) << 8) | (swapped >> 8);
      if (word === SWITCH_TO_8_BIT_WORD) mode = 8;
      else push(word > 0x7fff ? word - 0x10000 : word, startNibble);
    } else if (mode === 8) {
      const byte = read(2);
      if (byte === null) break;
      if (byte === SWITCH_TO_4_BIT_BYTE) mode = 4;
      else if (byte === SWITCH_TO_16_BIT_BYTE) mode = 16;
      else push(last + (byte > 127 ? byte - 256 : byte), startNibble);
    } else {
      const nibble = read(1);
      if (nibble === null) break;
      if (nibble === SWITCH_TO_8_BIT_NIBBLE) mode = 8;
      else push(last + step + (nibble > 7 ? nibble - 16 : nibble), startNibble);
    }
  }
  return { values, lines, unreadNibbles: nibbleCount - position };
}
