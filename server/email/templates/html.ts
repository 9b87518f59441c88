import { escapeHtml } from './escapeHtml.js';

/** Markup that was built by `html` and must not be escaped again. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate; plain values are always escaped. */
export type HtmlValue =
  string | number | SafeHtml | readonly SafeHtml[] | null | undefined;

/**
 * Tagged template for email markup. Interpolated strings and numbers are
 * escaped, fragments made by `html` are kept as they are, so a template
 * cannot forget to escape a value.
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
