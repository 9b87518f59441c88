import type { Browser } from 'puppeteer';
import { AppError } from '../errors/appError.js';
import { BrowserUnavailableError } from '../errors/browserUnavailableError.js';
import type { Logger } from '../logger.js';
import { renderPageToPdf } from './renderPageToPdf.js';
import { settleWithin } from './settleWithin.js';
import { SharedBrowser, type BrowserHealth } from './sharedBrowser.js';

const SECOND = 1000;
const MEBIBYTE = 1024 * 1024;
// How long a browser has to answer after a page ran out of time before it
// counts as hung and is replaced.
const PROBE_TIMEOUT_MS = 5 * SECOND;

/** Options of {@link createPdfRenderer}. */
export interface PdfRendererOptions {
  /** `config.puppeteerExecutablePath`; unset, the browser is looked for. */
  executablePath?: string;
  logger: Logger;
  /** Longest one document may take, in milliseconds. Default 30 s. */
  renderTimeoutMs?: number;
  /** Largest PDF accepted, in bytes. Default 20 MiB. */
  maxPdfBytes?: number;
  /** Longest the browser may take to start, in milliseconds. Default 30 s. */
  launchTimeoutMs?: number;
}

/** Turns HTML into PDF bytes with the process's shared browser. */
export interface PdfRenderer {
  /**
   * Prints one HTML document. Fails with a non-retryable
   * `BrowserUnavailableError` when no browser is installed, and a retryable
   * one when the browser crashed under the page.
   */
  renderPdf(html: string): Promise<Uint8Array>;
  /** Browser status for the health route; never launches anything. */
  describeBrowser(): BrowserHealth;
  /** Closes the browser; call once at shutdown, after the workers stop. */
  close(): Promise<void>;
}

/** Creates the renderer; the browser starts with the first document. */
export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const renderTimeoutMs = options.renderTimeoutMs ?? 30 * SECOND;
  const maxPdfBytes = options.maxPdfBytes ?? 20 * MEBIBYTE;
  const shared = new SharedBrowser({
    configuredPath: options.executablePath,
    logger: options.logger,
    launchTimeoutMs: options.launchTimeoutMs ?? 30 * SECOND,
  });

  async function renderPdf(html: string): Promise<Uint8Array> {
    const browser = await shared.acquire();
    let outcome;
    try {
      const rendering = renderPageToPdf(browser, html, {
        renderTimeoutMs,
        maxPdfBytes,
      });
      outcome = await settleWithin(rendering, renderTimeoutMs);
    } catch (error) {
      throw await explainFailure(shared, browser, error);
    }
    if (outcome.settled) return outcome.value;

    await replaceIfHung(shared, browser);
    throw new AppError(
      'internal',
      `The document did not render within ${renderTimeoutMs} ms; ` +
        'the job will try again.',
      { httpStatus: 500, retryable: true, details: { renderTimeoutMs } },
    );
  }

  return {
    renderPdf,
    describeBrowser: () => shared.describe(),
    close: () => shared.close(),
  };
}

/**
 * A failure after the browser went away is the browser's fault, not the
 * document's: the job fails with a retryable error and the browser is
 * discarded so the next job gets a new one.
 */
async function explainFailure(
  shared: SharedBrowser,
  browser: Browser,
  error: unknown,
): Promise<unknown> {
  if (browser.connected) return error;

  await shared.discard(browser);
  return new BrowserUnavailableError(
    'The browser stopped while rendering the document; the next attempt ' +
      'starts a new one.',
    { retryable: true, cause: error },
  );
}

async function replaceIfHung(
  shared: SharedBrowser,
  browser: Browser,
): Promise<void> {
  const probe = await settleWithin(
    browser.version().catch(() => null),
    PROBE_TIMEOUT_MS,
  );
  if (!probe.settled || probe.value === null) await shared.discard(browser);
}
