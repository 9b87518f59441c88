import { pathToFileURL } from 'node:url';
import {
  forecastDemand,
  type DemandForecast,
} from '../server/insights/forecastDemand.js';
import {
  countDailyOrdersByLine,
  synthesizeOrderHistory,
} from '../server/insights/synthesizeOrderHistory.js';

/** One product line's backtest: the method against the naive baseline. */
export interface BacktestRow {
  productLine: string;
  historyDays: number;
  mapePercent: number | null;
  naiveMapePercent: number | null;
}

/**
 * Runs the demand forecast on orders shaped like the seed's (same
 * generator, several seeds) and reports each line's MAPE on the last 28
 * days next to the naive same-weekday-last-week forecast.
 */
export function runForecastBacktest(
  seeds: readonly number[] = [1, 2, 3],
  days = 120,
): BacktestRow[] {
  const rows: BacktestRow[] = [];
  for (const seed of seeds) {
    const orders = synthesizeOrderHistory({
      endDate: '2026-03-31',
      days,
      seed,
    });
    const histories = [...countDailyOrdersByLine(orders)].map(
      ([productLine, dailyOrders]) => ({ productLine, dailyOrders }),
    );
    const forecast: DemandForecast = forecastDemand(histories, '2026-03-31');
    for (const line of forecast.productLines) {
      rows.push({
        productLine: `${line.productLine} (seed ${seed})`,
        historyDays: line.historyDays,
        mapePercent: line.backtest.mapePercent,
        naiveMapePercent: line.backtest.naiveMapePercent,
      });
    }
  }
  return rows;
}

/** The table as printed by `npx tsx bench/forecastBacktest.ts`. */
export function formatBacktestTable(rows: readonly BacktestRow[]): string {
  const header = 'product line | days | MAPE % | naive MAPE %';
  const lines = rows.map(
    (row) =>
      `${row.productLine} | ${row.historyDays} | ${row.mapePercent ?? '-'} | ` +
      `${row.naiveMapePercent ?? '-'}`,
  );
  return [header, ...lines].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${formatBacktestTable(runForecastBacktest())}\n`);
}
