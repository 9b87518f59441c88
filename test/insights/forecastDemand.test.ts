import { describe, expect, it } from 'vitest';
import {
  formatBacktestTable,
  runForecastBacktest,
} from '../../bench/forecastBacktest.js';
import {
  computeMape,
  forecastDemand,
  MIN_HISTORY_DAYS,
} from '../../server/insights/forecastDemand.js';
import { addDays } from '../../server/insights/calendarDate.js';

const AS_OF = '2026-03-31';

/** Same counts every week: [Sun..Sat] starting from a Sunday. */
function weeklyHistory(days: number, week: number[]) {
  const dailyOrders = new Map<string, number>();
  for (let index = 0; index < days; index += 1) {
    const date = addDays(AS_OF, index - days + 1);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    dailyOrders.set(date, week[weekday]!);
  }
  return { productLine: 'Single vision lenses, pair', dailyOrders };
}

describe('forecastDemand', () => {
  it('repeats a clean weekly pattern with a narrow interval', () => {
    const week = [0, 10, 11, 10, 12, 14, 5];
    const { productLines } = forecastDemand([weeklyHistory(84, week)], AS_OF);

    const [line] = productLines;
    expect(line!.points).toHaveLength(14);
    for (const point of line!.points) {
      const weekday = new Date(`${point.date}T00:00:00Z`).getUTCDay();
      expect(point.expected).toBeCloseTo(week[weekday]!, 0);
      expect(point.lower).toBeLessThanOrEqual(point.expected);
      expect(point.upper).toBeGreaterThanOrEqual(point.expected);
    }
    expect(line!.points[0]!.date).toBe('2026-04-01');
    expect(line!.backtest.mapePercent).toBeLessThan(1);
  });

  it('gives an empty result, not an error, for a company without orders', () => {
    expect(forecastDemand([], AS_OF)).toEqual({
      productLines: [],
      skipped: [],
    });
  });

  it('skips a line with less history than it needs, saying why', () => {
    const history = weeklyHistory(MIN_HISTORY_DAYS - 1, [0, 1, 1, 1, 1, 1, 1]);
    const result = forecastDemand([history], AS_OF);
    expect(result.productLines).toEqual([]);
    expect(result.skipped).toEqual([
      {
        productLine: history.productLine,
        reason: 'history_too_short',
        historyDays: MIN_HISTORY_DAYS - 1,
      },
    ]);
  });

  it('leaves days without orders out of the MAPE', () => {
    expect(computeMape([0, 10, 20], [5, 9, 22])).toBe(10);
    expect(computeMape([0, 0], [1, 2])).toBeNull();
  });
});

describe('forecast backtest on seed-shaped orders', () => {
  const rows = runForecastBacktest();
  const mean = (values: number[]) =>
    values.reduce((sum, value) => sum + value, 0) / values.length;

  it('beats the same-weekday-last-week forecast on the last 28 days', () => {
    process.stdout.write(`${formatBacktestTable(rows)}\n`);
    const scored = rows.filter(
      (row) => row.mapePercent !== null && row.naiveMapePercent !== null,
    );
    expect(scored.length).toBeGreaterThanOrEqual(12);
    expect(mean(scored.map((row) => row.mapePercent!))).toBeLessThan(
      mean(scored.map((row) => row.naiveMapePercent!)),
    );
  });

  it('beats it on the busiest product line of every seed', () => {
    const busiest = rows.filter((row) =>
      row.productLine.startsWith('Single vision lenses, pair'),
    );
    expect(busiest).toHaveLength(3);
    for (const row of busiest) {
      expect(row.mapePercent!).toBeLessThan(row.naiveMapePercent!);
    }
  });
});
