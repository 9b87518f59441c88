import { AppError } from './appError.js';

/** Options of a {@link BrowserUnavailableError}. */
export interface BrowserUnavailableOptions {
  /** False when only an operator can fix it (no browser installed). */
  retryable: boolean;
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * The PDF renderer has no working browser: none is installed, it would not
 * start, or it stopped while a page was rendering.
 */
export class BrowserUnavailableError extends AppError {
  constructor(message: string, options: BrowserUnavailableOptions) {
    super('browser_unavailable', message, { httpStatus: 503, ...options });
  }
}
