import { escapeHtml } from './escapeHtml.js';

/** Markup that is already safe: built by `html`, never from raw input. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate. Arrays are joined without separator. */
export type HtmlValue =
  string | number | SafeHtml | null | undefined | readonly HtmlValue[];

/**
 * Tagged template for HTML (documents, emails, admin pages). Every interpolated value is escaped
 * unless it is a `SafeHtml` made by this same tag, so a template cannot
 * forget to escape a field. Attribute values must be double-quoted.
 */
export function html(
  strings: TemplateStringsArray,
  ...values: HtmlValue[]
): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(markup);
}

function renderValue(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  return escapeHtml(String(value));
}
