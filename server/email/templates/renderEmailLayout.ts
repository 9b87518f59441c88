import { html, type SafeHtml } from '../../templates/html.js';

/** The parts every email shares. */
export interface EmailLayout {
  /** Shown as the page title and the heading; escaped here. */
  title: string;
  /** The message itself, already built with `html`. */
  body: SafeHtml;
  /** Lines of the plain-text part, already built with `plainText`. */
  textLines: readonly string[];
}

const FOOTER_TEXT =
  'You receive this email because you use IntegratedLens. ' +
  'Sign in to change which emails you get.';

const BODY_STYLE =
  'margin:0;padding:24px;background:#f5f6f8;' +
  'font-family:Arial,Helvetica,sans-serif;color:#1f2933;';
const CARD_STYLE =
  'max-width:600px;margin:0 auto;padding:24px;background:#ffffff;' +
  'border-radius:6px;';
const FOOTER_STYLE = 'max-width:600px;margin:16px auto 0;color:#6b7280;';

/** Wraps a message in the shared HTML shell and appends the text footer. */
export function renderEmailLayout(layout: EmailLayout): {
  html: string;
  text: string;
} {
  const document = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${layout.title}</title>
      </head>
      <body style="${BODY_STYLE}">
        <div style="${CARD_STYLE}">
          <h1 style="font-size:20px;margin:0 0 16px;">${layout.title}</h1>
          ${layout.body}
        </div>
        <p style="${FOOTER_STYLE}font-size:12px;">${FOOTER_TEXT}</p>
      </body>
    </html> `;
  const text = [...layout.textLines, '', '--', FOOTER_TEXT, ''].join('\n');
  return { html: document.markup, text };
}
