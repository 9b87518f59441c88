import { addDays } from './calendarDate.js';

/** One line of a made-up order. */
export interface SyntheticItem {
  description: string;
  quantity: number;
  unitPriceCents: number;
}

/** A made-up order: its day, minute of that day, and lines. */
export interface SyntheticOrder {
  date: string;
  minuteOfDay: number;
  items: SyntheticItem[];
}

export interface OrderHistoryOptions {
  /** The last day with orders (YYYY-MM-DD). */
  endDate: string;
  days: number;
  /** Same seed, same orders: the seed script stays reproducible. */
  seed: number;
  /** Orders on an average weekday at the start; grows slowly. */
  baseOrdersPerDay?: number;
}

// A lab's week: busiest on Friday, half a day on Saturday, closed Sunday.
// Index 0 is Sunday, as Date.getUTCDay counts.
const WEEKDAY_FACTORS = [0, 1, 1.1, 1, 1.2, 1.4, 0.5];

const MAIN_LINES: readonly [SyntheticItem, number][] = [
  [
    {
      description: 'Single vision lenses, pair',
      quantity: 1,
      unitPriceCents: 8950,
    },
    0.62,
  ],
  [
    {
      description: 'Progressive lenses, pair',
      quantity: 1,
      unitPriceCents: 24900,
    },
    0.3,
  ],
  [{ description: 'Frame repair', quantity: 1, unitPriceCents: 2500 }, 0.08],
];
const ADD_ONS: readonly [SyntheticItem, number][] = [
  [
    {
      description: 'Anti-reflective coating',
      quantity: 2,
      unitPriceCents: 1500,
    },
    0.45,
  ],
  [
    { description: 'Blue light filter', quantity: 2, unitPriceCents: 1200 },
    0.2,
  ],
];

/** A small, seeded generator (mulberry32): fast and reproducible. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function drawPoisson(mean: number, random: () => number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  let product = random();
  while (product > limit) {
    count += 1;
    product *= random();
  }
  return count;
}

function drawMainLine(random: () => number): SyntheticItem {
  let roll = random();
  for (const [item, share] of MAIN_LINES) {
    if (roll < share) return item;
    roll -= share;
  }
  return MAIN_LINES[0]![0];
}

/**
 * Orders of a lab with a clear weekly rhythm and a slow growth, for the
 * demo data and for testing the forecast on data shaped like it.
 */
export function synthesizeOrderHistory(
  options: OrderHistoryOptions,
): SyntheticOrder[] {
  const random = createRandom(options.seed);
  const base = options.baseOrdersPerDay ?? 8;
  const orders: SyntheticOrder[] = [];
  for (let index = 0; index < options.days; index += 1) {
    const date = addDays(options.endDate, index - options.days + 1);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const growth = 1 + (0.15 * index) / options.days;
    const count = drawPoisson(
      base * growth * WEEKDAY_FACTORS[weekday]!,
      random,
    );
    for (let n = 0; n < count; n += 1) {
      const items = [drawMainLine(random)];
      for (const [item, share] of ADD_ONS) {
        if (random() < share) items.push(item);
      }
      // Opening hours 08:30 to 17:30.
      const minuteOfDay = 510 + Math.floor(random() * 540);
      orders.push({ date, minuteOfDay, items });
    }
  }
  return orders;
}

/** Orders per day of each product line, as the forecast reads them. */
export function countDailyOrdersByLine(
  orders: readonly SyntheticOrder[],
): Map<string, Map<string, number>> {
  const lines = new Map<string, Map<string, number>>();
  for (const order of orders) {
    for (const description of new Set(order.items.map((i) => i.description))) {
      const days = lines.get(description) ?? new Map<string, number>();
      days.set(order.date, (days.get(order.date) ?? 0) + 1);
      lines.set(description, days);
    }
  }
  return lines;
}
