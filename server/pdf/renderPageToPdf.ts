import type { Browser, BrowserContext, Page } from 'puppeteer';
import { AppError } from '../errors/appError.js';
import { DOCUMENT_CONTENT_SECURITY_POLICY } from './contentSecurityPolicy.js';

// The document is served from memory at an address under the reserved
// .invalid domain, which no resolver answers. Navigating there (instead of
// writing the markup into about:blank) lets the policy travel as a response
// header, so it also holds for markup that carries no policy of its own.
const DOCUMENT_URL = 'https://document.invalid/';

/** Bounds on one page. */
export interface PageLimits {
  /** Longest the page may take to load and print, in milliseconds. */
  renderTimeoutMs: number;
  /** Largest PDF accepted, in bytes; printing stops once it is passed. */
  maxPdfBytes: number;
}

/**
 * Prints HTML to an A4 PDF in a fresh incognito context, so that no cookie,
 * cache or storage passes from one document to the next. The context and its
 * page are closed whatever happens.
 */
export async function renderPageToPdf(
  browser: Browser,
  html: string,
  limits: PageLimits,
): Promise<Uint8Array> {
  const context = await browser.createBrowserContext();
  try {
    return await renderInContext(context, html, limits);
  } finally {
    // A browser that crashed has taken the context with it.
    await context.close().catch(() => undefined);
  }
}

async function renderInContext(
  context: BrowserContext,
  html: string,
  limits: PageLimits,
): Promise<Uint8Array> {
  const page = await context.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await serveOnlyTheDocument(page, html);
    await page.goto(DOCUMENT_URL, {
      waitUntil: 'load',
      timeout: limits.renderTimeoutMs,
    });
    return await printPdf(page, limits);
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * Answers the one navigation to the document from memory and refuses every
 * other request: http, https, file, a second navigation, a redirect. Chrome
 * does not let data: URLs be intercepted; the content policy blocks those.
 */
async function serveOnlyTheDocument(page: Page, html: string): Promise<void> {
  let served = false;
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const isDocument =
      !served &&
      request.isNavigationRequest() &&
      request.frame() === page.mainFrame() &&
      request.url() === DOCUMENT_URL;
    if (!isDocument) {
      // A refused navigation (a meta refresh, a link) must leave the document
      // in place: "aborted" cancels it, where other reasons would commit an
      // error page under the printer. Rejects only when the page is closing.
      const reason = request.isNavigationRequest()
        ? 'aborted'
        : 'blockedbyclient';
      request.abort(reason).catch(() => undefined);
      return;
    }
    served = true;
    request
      .respond({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: {
          'content-security-policy': DOCUMENT_CONTENT_SECURITY_POLICY,
        },
        body: html,
      })
      .catch(() => undefined);
  });
}

async function printPdf(page: Page, limits: PageLimits): Promise<Uint8Array> {
  const stream = await page.createPDFStream({
    format: 'A4',
    printBackground: true,
    preferCSSPageSize: true,
    timeout: limits.renderTimeoutMs,
  });
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let sizeBytes = 0;

  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    sizeBytes += value.byteLength;
    if (sizeBytes > limits.maxPdfBytes) {
      await reader.cancel();
      throw createTooLargeError(limits.maxPdfBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function createTooLargeError(maxPdfBytes: number): AppError {
  return new AppError(
    'payload_too_large',
    `The PDF grew past the limit of ${maxPdfBytes} bytes, so it was not ` +
      'stored; the document has more content than one file may hold.',
    { httpStatus: 413, retryable: false, details: { maxPdfBytes } },
  );
}
