import type { Response } from 'express';
import { html, SafeHtml } from '../templates/html.js';

/**
 * The policy of every /admin response. Scripts, styles and requests stay
 * on this origin (bull-board's bundle included); its inline styles need
 * 'unsafe-inline' for styles only. Its web-font link to a third party is
 * blocked on purpose: the dashboard falls back to system fonts.
 */
export const ADMIN_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const STYLE = new SafeHtml(`
body{font-family:system-ui,sans-serif;margin:0;color:#1d2633;background:#f4f6f9}
header{background:#1d2633;color:#fff;padding:.6rem 1.2rem}
header{display:flex;gap:1.2rem;align-items:center}
header a{color:#cfe0ff;text-decoration:none}header form{margin-left:auto}
main{padding:1.2rem;max-width:72rem}
table{border-collapse:collapse;background:#fff;margin:.6rem 0}
th,td{border:1px solid #d5dbe3;padding:.3rem .6rem}
th,td{text-align:left;font-size:.9rem}
.down{color:#b3261e;font-weight:600}.up{color:#1b7f3b;font-weight:600}
.error{color:#b3261e}label{display:block;margin:.4rem 0}
input,select{padding:.3rem;font:inherit}
button{padding:.35rem .8rem;font:inherit}
`);

const NAVIGATION = html`<a href="/admin/queues">Queues</a>
  <a href="/admin/health">Health</a> <a href="/admin/jobs">Job search</a>
  <form method="post" action="/admin/logout">
    <button type="submit">Log out</button>
  </form>`;

/** A server-rendered admin page; every interpolated value is escaped. */
export function renderAdminPage(options: {
  title: string;
  body: SafeHtml;
  navigation?: boolean;
}): string {
  const navigation = options.navigation === false ? '' : NAVIGATION;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="robots" content="noindex" />
        <title>${options.title} · IntegratedLens operators</title>
        <style>
          ${STYLE}
        </style>
      </head>
      <body>
        <header><strong>IntegratedLens operators</strong> ${navigation}</header>
        <main>${options.body}</main>
      </body>
    </html>`.markup;
}

/** Sends a page that no cache keeps. */
export function sendAdminPage(res: Response, status: number, page: string) {
  res
    .status(status)
    .setHeader('Cache-Control', 'no-store')
    .type('html')
    .send(page);
}
