import { describeText } from './readOmaFields.js';
import { OmaFormatError } from './omaFormatError.js';
import type { OmaRecord } from './readOmaRecords.js';

/** Whole numbers read from data records, each with the line it came from. */
export interface OmaValueList {
  values: number[];
  lines: number[];
}

const INTEGER_PATTERN = /^[+-]?\d{1,7}$/;

/**
 * Reads format 1 data: `;`-separated whole numbers, any number per record.
 * A trailing `;` is accepted; an empty or `?` value inside a record is not.
 */
export function decodeAsciiValues(records: readonly OmaRecord[]): OmaValueList {
  const values: number[] = [];
  const lines: number[] = [];

  for (const record of records) {
    const fields = record.value.split(';').map((field) => field.trim());
    if (fields.at(-1) === '') fields.pop();

    for (const field of fields) {
      if (!INTEGER_PATTERN.test(field)) {
        throw new OmaFormatError(
          record.line,
          record.label,
          `value ${values.length + 1} "${describeText(field)}" is not a ` +
            'whole number',
        );
      }
      values.push(Number(field));
      lines.push(record.line);
    }
  }
  return { values, lines };
}
