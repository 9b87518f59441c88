import type { ForecastRow } from './forecastRepository.js';

/** Why a forecast has no product lines, in words a client can show. */
const EMPTY_MESSAGES = {
  not_made_yet:
    'No forecast has been made for this company yet; one is made nightly.',
  no_orders: 'The company has no orders to learn from yet.',
  history_too_short:
    'No product line has enough order history yet (56 days are needed).',
} as const;

export type ForecastEmptyReason = keyof typeof EMPTY_MESSAGES;

/**
 * The API's answer for a company's latest forecast. An empty result is
 * still an answer, with a reason and a sentence saying why.
 */
export function describeForecast(row: ForecastRow | undefined) {
  let emptyReason: ForecastEmptyReason | null = null;
  if (!row) emptyReason = 'not_made_yet';
  else if (row.productLines.length === 0) {
    emptyReason = row.skipped.length === 0 ? 'no_orders' : 'history_too_short';
  }
  return {
    forecast: row
      ? {
          asOfDate: row.asOfDate,
          horizonDays: row.horizonDays,
          method: row.method,
          createdAt: row.createdAt.toISOString(),
          productLines: row.productLines,
          skipped: row.skipped,
        }
      : null,
    emptyReason,
    message: emptyReason ? EMPTY_MESSAGES[emptyReason] : null,
  };
}
