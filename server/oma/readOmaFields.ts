import { OmaFormatError } from './omaFormatError.js';
import type { OmaRecord } from './readOmaRecords.js';

/** A field's text, trimmed; `null` when the producer wrote `?` (unknown). */
export type OmaField = string | null;

/** A value given per eye; `null` where a side is unknown or empty. */
export interface OmaChiral<T> {
  right: T | null;
  left: T | null;
}

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Splits a record value into its `;` fields; `?` becomes null. */
export function readOmaFields(value: string): OmaField[] {
  return value.split(';').map((field) => {
    const trimmed = field.trim();
    return trimmed === '?' ? null : trimmed;
  });
}

/** Splits one field into its `,` codes, e.g. `TR,FT` into two codes. */
export function readOmaCodes(field: OmaField): string[] {
  if (field === null || field === '') return [];
  return field.split(',').map((code) => code.trim());
}

/**
 * Reads `right;left`. One value means both eyes; empty and `?` sides are
 * null; fields after the second are ignored, as other readers do.
 */
export function readChiralFields(record: OmaRecord): OmaChiral<string> {
  const fields = readOmaFields(record.value);
  const right = fields[0] ?? null;
  const left = fields.length === 1 ? right : (fields[1] ?? null);
  return { right: right || null, left: left || null };
}

/** Reads `right;left` as numbers; text that is not a number is refused. */
export function readChiralNumbers(record: OmaRecord): OmaChiral<number> {
  const { right, left } = readChiralFields(record);
  return {
    right: right === null ? null : parseOmaNumber(right, record),
    left: left === null ? null : parseOmaNumber(left, record),
  };
}

/** Parses one decimal field, naming the record and line when it is not. */
export function parseOmaNumber(text: string, record: OmaRecord): number {
  if (!NUMBER_PATTERN.test(text)) {
    throw new OmaFormatError(
      record.line,
      record.label,
      `"${describeText(text)}" is not a number`,
    );
  }
  return Number(text);
}

/** Shows a short, printable version of a field for an error message. */
export function describeText(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 12 ? `${printable.slice(0, 12)}...` : printable;
}
