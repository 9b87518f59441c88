import type {
  ForecastBacktest,
  ForecastProductLine,
  SkippedProductLine,
} from './insightTypes.js';
import { addDays, daysBetween } from './calendarDate.js';
import {
  fitHoltWinters,
  forecastHoltWinters,
  intervalHalfWidths,
} from './holtWinters.js';

export const FORECAST_HORIZON_DAYS = 14;
export const BACKTEST_HOLDOUT_DAYS = 28;
export const FORECAST_METHOD = 'holt-winters-additive-damped';
const SEASON_DAYS = 7;
/** Four weeks to learn from before the four weeks held out. */
export const MIN_HISTORY_DAYS = BACKTEST_HOLDOUT_DAYS + 4 * SEASON_DAYS;

/** Orders per day of one product line, by calendar date. */
export interface ProductLineHistory {
  productLine: string;
  dailyOrders: ReadonlyMap<string, number>;
}

export interface DemandForecast {
  productLines: ForecastProductLine[];
  skipped: SkippedProductLine[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Mean absolute percentage error over the days that had orders: a day
 * without orders has no percentage error, so it is left out (and a line
 * with no such day has no MAPE at all).
 */
export function computeMape(
  actual: readonly number[],
  predicted: readonly number[],
): number | null {
  let total = 0;
  let days = 0;
  actual.forEach((value, index) => {
    if (value <= 0) return;
    total += Math.abs(value - predicted[index]!) / value;
    days += 1;
  });
  return days === 0 ? null : round2((100 * total) / days);
}

/**
 * Fits on all but the last 28 days and forecasts those 28 from there, with
 * no look at them. The naive baseline takes each day's value from the same
 * weekday a week before, so it does see the held-out weeks: a fair bar.
 */
export function backtestSeries(series: readonly number[]): ForecastBacktest {
  const cut = series.length - BACKTEST_HOLDOUT_DAYS;
  const model = fitHoltWinters(series.slice(0, cut), SEASON_DAYS);
  const predicted = forecastHoltWinters(model, BACKTEST_HOLDOUT_DAYS);
  const actual = series.slice(cut);
  const naive = actual.map((_, index) => series[cut + index - SEASON_DAYS]!);
  return {
    holdoutDays: BACKTEST_HOLDOUT_DAYS,
    mapePercent: computeMape(actual, predicted),
    naiveMapePercent: computeMape(actual, naive),
  };
}

/** The daily counts from the line's first order through `asOfDate`. */
function toDailySeries(history: ProductLineHistory, asOfDate: string) {
  const dates = [...history.dailyOrders.keys()].sort();
  const first = dates[0] ?? asOfDate;
  const length = daysBetween(first, asOfDate) + 1;
  return Array.from(
    { length },
    (_, index) => history.dailyOrders.get(addDays(first, index)) ?? 0,
  );
}

/** Forecast of one line for the 14 days after `asOfDate`. */
export function forecastProductLine(
  history: ProductLineHistory,
  asOfDate: string,
): ForecastProductLine | SkippedProductLine {
  const series = toDailySeries(history, asOfDate);
  if (series.length < MIN_HISTORY_DAYS) {
    return {
      productLine: history.productLine,
      reason: 'history_too_short',
      historyDays: series.length,
    };
  }
  const model = fitHoltWinters(series, SEASON_DAYS);
  const expected = forecastHoltWinters(model, FORECAST_HORIZON_DAYS);
  const widths = intervalHalfWidths(model, FORECAST_HORIZON_DAYS);
  return {
    productLine: history.productLine,
    historyDays: series.length,
    points: expected.map((value, index) => ({
      date: addDays(asOfDate, index + 1),
      expected: round2(value),
      lower: round2(Math.max(0, value - widths[index]!)),
      upper: round2(value + widths[index]!),
    })),
    backtest: backtestSeries(series),
    parameters: model.parameters,
  };
}

/** Forecasts every line with enough history; lists the others. */
export function forecastDemand(
  histories: readonly ProductLineHistory[],
  asOfDate: string,
): DemandForecast {
  const result: DemandForecast = { productLines: [], skipped: [] };
  for (const history of histories) {
    const line = forecastProductLine(history, asOfDate);
    if ('reason' in line) result.skipped.push(line);
    else result.productLines.push(line);
  }
  return result;
}
