/** Smoothing weights of damped additive Holt-Winters, each in [0, 1]. */
export interface HoltWintersParameters {
  alpha: number;
  beta: number;
  gamma: number;
  /** Trend damping: 1 keeps the trend forever, lower fades it out. */
  phi: number;
}

/** The state after the last observation, and how well it followed them. */
export interface HoltWintersModel {
  parameters: HoltWintersParameters;
  seasonLength: number;
  level: number;
  trend: number;
  /** Seasonal terms by position `t % seasonLength`. */
  seasonals: number[];
  /** Number of observations the model has seen. */
  observed: number;
  /** One-step-ahead errors after the two seasons used to start. */
  residuals: number[];
}

/** z of the 10th and 90th percentile of the normal distribution. */
const Z_80_PERCENT = 1.2816;

const ALPHAS = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7];
const BETAS = [0, 0.05, 0.15];
const GAMMAS = [0.05, 0.1, 0.2, 0.35];
const PHIS = [0.8, 0.9, 0.98];

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/**
 * Runs damped additive Holt-Winters over `series` with fixed weights.
 * Additive, not multiplicative: a lab's closed day has zero orders, and a
 * multiplicative seasonal index of zero cannot be divided out again.
 * Start values come from the first two seasons, so the series needs at
 * least `2 * seasonLength` points.
 */
export function runHoltWinters(
  series: readonly number[],
  parameters: HoltWintersParameters,
  seasonLength: number,
): HoltWintersModel {
  if (series.length < 2 * seasonLength) {
    throw new RangeError(`need at least ${2 * seasonLength} observations`);
  }
  const { alpha, beta, gamma, phi } = parameters;
  const first = series.slice(0, seasonLength);
  const second = series.slice(seasonLength, 2 * seasonLength);
  let level = mean(first);
  let trend = (mean(second) - level) / seasonLength;
  const seasonals = first.map((value) => value - level);
  const residuals: number[] = [];

  for (let t = seasonLength; t < series.length; t += 1) {
    const position = t % seasonLength;
    const seasonal = seasonals[position]!;
    const value = series[t]!;
    const expected = level + phi * trend + seasonal;
    if (t >= 2 * seasonLength) residuals.push(value - expected);

    const nextLevel =
      alpha * (value - seasonal) + (1 - alpha) * (level + phi * trend);
    trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
    level = nextLevel;
    seasonals[position] = gamma * (value - level) + (1 - gamma) * seasonal;
  }

  return {
    parameters,
    seasonLength,
    level,
    trend,
    seasonals,
    observed: series.length,
    residuals,
  };
}

/**
 * Picks the weights with the smallest one-step squared error on `series`
 * from a small grid: cheap enough for hundreds of product lines a night,
 * and it cannot wander into the unstable corners an optimiser may find.
 */
export function fitHoltWinters(
  series: readonly number[],
  seasonLength: number,
): HoltWintersModel {
  let best: { model: HoltWintersModel; sse: number } | undefined;
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      for (const gamma of GAMMAS) {
        for (const phi of PHIS) {
          const model = runHoltWinters(
            series,
            { alpha, beta, gamma, phi },
            seasonLength,
          );
          const sse = model.residuals.reduce((sum, e) => sum + e * e, 0);
          if (!best || sse < best.sse) best = { model, sse };
        }
      }
    }
  }
  return best!.model;
}

/** Expected values for the next `horizon` steps, never below zero. */
export function forecastHoltWinters(
  model: HoltWintersModel,
  horizon: number,
): number[] {
  const { level, trend, seasonals, seasonLength, observed } = model;
  const { phi } = model.parameters;
  const values: number[] = [];
  let damping = 0;
  for (let h = 1; h <= horizon; h += 1) {
    damping += phi ** h;
    const seasonal = seasonals[(observed - 1 + h) % seasonLength]!;
    values.push(Math.max(0, level + damping * trend + seasonal));
  }
  return values;
}

/**
 * Half-width of the 80% interval of each step, from the spread of the
 * one-step errors, widened with the horizon as the error-correction form
 * of the method implies (c_j = alpha + beta' * phi_j + gamma' * [j % m == 0],
 * with beta' = alpha * beta and gamma' = (1 - alpha) * gamma).
 */
export function intervalHalfWidths(
  model: HoltWintersModel,
  horizon: number,
): number[] {
  const { alpha, beta, gamma, phi } = model.parameters;
  const { residuals, seasonLength } = model;
  const variance =
    residuals.length === 0
      ? 0
      : residuals.reduce((sum, e) => sum + e * e, 0) / residuals.length;
  const widths: number[] = [];
  let accumulated = 1;
  let dampedSum = 0;
  for (let h = 1; h <= horizon; h += 1) {
    widths.push(Z_80_PERCENT * Math.sqrt(variance * accumulated));
    dampedSum += phi ** h;
    const seasonal = h % seasonLength === 0 ? (1 - alpha) * gamma : 0;
    const c = alpha + alpha * beta * dampedSum + seasonal;
    accumulated += c * c;
  }
  return widths;
}
