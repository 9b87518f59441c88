import { toSingleLine } from './toSingleLine.js';

/** What a plain-text template may interpolate. */
export type TextValue = string | number | null | undefined;

/**
 * Tagged template for plain-text bodies. Interpolated values are kept
 * verbatim (no HTML entities) but flattened to one line each, so a value
 * cannot add lines of its own that look like part of our message.
 */
export function plainText(
  strings: TemplateStringsArray,
  ...values: TextValue[]
): string {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    const rendered = value === null || value === undefined ? '' : value;
    text += toSingleLine(String(rendered)) + (strings[index + 1] ?? '');
  });
  return text;
}
