import { DOCUMENT_CONTENT_SECURITY_POLICY } from './contentSecurityPolicy.js';
import { DOCUMENT_CSS } from './documentStyles.js';
import type { DocumentCompany } from './documentView.js';
import { formatDate } from './formatDate.js';
import { html, SafeHtml } from '../templates/html.js';

/** The parts of a page that differ between document types. */
export interface DocumentPage {
  title: string;
  /** Printed under the title, e.g. the order number. */
  reference: string;
  company: DocumentCompany;
  issuedAt: Date;
  body: SafeHtml;
}

/**
 * Wraps a document body in a complete HTML page with the print CSS. The
 * policy is also sent by the renderer as a header; repeating it here keeps a
 * saved copy of the markup just as inert.
 */
export function renderDocumentPage(page: DocumentPage): string {
  const issuedOn = formatDate(page.issuedAt, page.company.timeZone);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta
          http-equiv="Content-Security-Policy"
          content="${DOCUMENT_CONTENT_SECURITY_POLICY}"
        />
        <title>${page.title} ${page.reference}</title>
        <style>
          ${new SafeHtml(DOCUMENT_CSS)}
        </style>
      </head>
      <body>
        <header class="document-header">
          <div>
            <div class="company">${page.company.name}</div>
            <h1>${page.title}</h1>
          </div>
          <div class="meta">
            <div>${page.reference}</div>
            <div>Issued ${issuedOn}</div>
          </div>
        </header>
        ${page.body}
      </body>
    </html> `.markup;
}
