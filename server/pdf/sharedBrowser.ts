import puppeteer, { type Browser } from 'puppeteer';
import { BrowserUnavailableError } from '../errors/browserUnavailableError.js';
import type { Logger } from '../logger.js';
import { findBrowserPath, type BrowserSource } from './browserPath.js';

// Flags that keep the browser from calling home: no update checks, no sync,
// no first-run pages. No GPU is needed to print. A container's /dev/shm is
// often 64 MB, too small for Chrome's shared memory, so /tmp is used instead.
const BROWSER_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-dev-shm-usage',
];

/** What `GET /api/health` reports about the PDF browser. */
export interface BrowserHealth {
  found: boolean;
  path: string | null;
  source: BrowserSource | null;
  /** True while a launched browser is connected. */
  running: boolean;
  /** Known once the browser has been launched, e.g. "HeadlessChrome/131.0". */
  version: string | null;
  pid: number | null;
  /** Why no browser can be used, and how to fix it. */
  problem: string | null;
}

/** Options of {@link SharedBrowser}. */
export interface SharedBrowserOptions {
  /** `PUPPETEER_EXECUTABLE_PATH` from config. */
  configuredPath?: string;
  logger: Logger;
  /** Longest the browser may take to start, in milliseconds. */
  launchTimeoutMs: number;
}

interface RunningBrowser {
  browser: Browser;
  path: string;
  source: BrowserSource;
  version: string;
  pid: number | null;
}

/**
 * One browser shared by every PDF job of the process, launched on first use
 * and launched again after it crashes or disconnects.
 */
export class SharedBrowser {
  #running: RunningBrowser | null = null;
  #launching: Promise<RunningBrowser> | null = null;
  #closed = false;

  constructor(private readonly options: SharedBrowserOptions) {}

  /** The connected browser; launches one when there is none. */
  async acquire(): Promise<Browser> {
    if (this.#closed) {
      throw new BrowserUnavailableError(
        'The PDF browser is shutting down; the job will run again later.',
        { retryable: true },
      );
    }
    if (this.#running?.browser.connected) return this.#running.browser;

    // Jobs that arrive together wait for the same launch.
    this.#launching ??= this.#launch().finally(() => {
      this.#launching = null;
    });
    return (await this.#launching).browser;
  }

  /**
   * Stops a browser that crashed or stopped answering, so that the next
   * `acquire` starts a new one instead of handing out a broken one.
   */
  async discard(browser: Browser): Promise<void> {
    if (this.#running?.browser === browser) this.#running = null;
    browser.process()?.kill('SIGKILL');
    await browser.close().catch(() => undefined);
  }

  describe(): BrowserHealth {
    const running = this.#running;
    if (running) {
      return {
        found: true,
        path: running.path,
        source: running.source,
        running: running.browser.connected,
        version: running.version,
        pid: running.pid,
        problem: null,
      };
    }
    const lookup = findBrowserPath({
      configuredPath: this.options.configuredPath,
    });
    return {
      found: lookup.found,
      path: lookup.found ? lookup.path : null,
      source: lookup.found ? lookup.source : null,
      running: false,
      version: null,
      pid: null,
      problem: lookup.found ? null : lookup.problem,
    };
  }

  /** Closes the browser for shutdown; later `acquire` calls fail. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#launching?.catch(() => undefined);
    const running = this.#running;
    this.#running = null;
    await running?.browser.close().catch(() => undefined);
  }

  async #launch(): Promise<RunningBrowser> {
    const lookup = findBrowserPath({
      configuredPath: this.options.configuredPath,
    });
    if (!lookup.found) {
      throw new BrowserUnavailableError(lookup.problem, { retryable: false });
    }

    const startedAt = Date.now();
    const { browser, version } = await this.#start(lookup.path, lookup.source);
    const running: RunningBrowser = {
      browser,
      path: lookup.path,
      source: lookup.source,
      version,
      pid: browser.process()?.pid ?? null,
    };
    browser.once('disconnected', () => this.#forget(running));
    // The protocol runs over pipes to the child. When the browser dies or is
    // closed while pages render, a pipe may report ECONNRESET after its
    // reader has gone; unheard, that error would end the whole process.
    for (const stream of browser.process()?.stdio ?? []) {
      stream?.on('error', (error: Error) =>
        this.options.logger.debug(
          { err: error.message },
          'pdf.browser_pipe_error',
        ),
      );
    }
    this.#running = running;

    this.options.logger.info(
      {
        path: running.path,
        source: running.source,
        version: running.version,
        pid: running.pid,
        durationMs: Date.now() - startedAt,
      },
      'pdf.browser_launched',
    );
    return running;
  }

  async #start(
    path: string,
    source: BrowserSource,
  ): Promise<{ browser: Browser; version: string }> {
    let browser: Browser | undefined;
    try {
      browser = await puppeteer.launch({
        executablePath: path,
        headless: true,
        // A pipe instead of a debugging port: nothing else on the machine
        // can connect, and the browser exits when this process dies.
        pipe: true,
        args: buildBrowserArgs(),
        timeout: this.options.launchTimeoutMs,
        // Shutdown closes the browser in order; Puppeteer's own signal
        // handlers would kill it under jobs that are still finishing.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      // A browser that dies right after starting fails here, not in a job.
      return { browser, version: await browser.version() };
    } catch (error) {
      browser?.process()?.kill('SIGKILL');
      throw new BrowserUnavailableError(
        `The browser at ${path} did not start. Check that it runs on this ` +
          `machine ("${path} --headless --version"), or set ` +
          'PUPPETEER_EXECUTABLE_PATH to another Chrome or Chromium binary.',
        { retryable: true, cause: error, details: { path, source } },
      );
    }
  }

  #forget(running: RunningBrowser): void {
    if (this.#running !== running) return;
    this.#running = null;
    this.options.logger.warn({ pid: running.pid }, 'pdf.browser_disconnected');
  }
}

function buildBrowserArgs(): string[] {
  // Chrome refuses to start its sandbox as root. Any other user keeps it.
  const isRoot = process.getuid?.() === 0;
  return isRoot ? [...BROWSER_ARGS, '--no-sandbox'] : BROWSER_ARGS;
}
