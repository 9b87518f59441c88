/** Revenue in one currency; a company may sell in several. */
export interface RevenueTotal {
  currency: string;
  amountCents: number;
}

/** A product line by how much of it was ordered on the day. */
export interface BusyProduct {
  description: string;
  /** Orders that contain the line. */
  orders: number;
  /** Units over those orders. */
  quantity: number;
}

/**
 * The figures of one company's day, in the company's time zone. They hold
 * no personal data: they may be sent to an external narrative provider.
 */
export interface BriefingFacts {
  /** The calendar day as YYYY-MM-DD. */
  date: string;
  timeZone: string;
  /** Orders placed that day, cancelled ones left out. */
  orderCount: number;
  revenue: RevenueTotal[];
  /**
   * Orders due before the end of the day and not shipped by then, as far
   * as orders carry a due date at all.
   */
  lateOrders: { count: number; orderNumbers: string[] };
  /** Failures recorded in the database that day; see collectBriefingFacts. */
  failedJobs: { emails: number; undispatched: number };
  busiestProducts: BusyProduct[];
}

/** One forecast day of one product line, with its 80% interval. */
export interface ForecastPoint {
  date: string;
  expected: number;
  lower: number;
  upper: number;
}

/** Error of the method on the last 28 days, next to a naive baseline. */
export interface ForecastBacktest {
  holdoutDays: number;
  /** Mean absolute percentage error, over the days with orders. */
  mapePercent: number | null;
  /** The same for "as many as the same weekday a week before". */
  naiveMapePercent: number | null;
}

/** The forecast of one product line (an order item description). */
export interface ForecastProductLine {
  productLine: string;
  historyDays: number;
  points: ForecastPoint[];
  backtest: ForecastBacktest;
  parameters: { alpha: number; beta: number; gamma: number; phi: number };
}

/** A product line left out, and why. */
export interface SkippedProductLine {
  productLine: string;
  reason: 'history_too_short';
  historyDays: number;
}
