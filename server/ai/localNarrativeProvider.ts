import type { BriefingFacts } from '../insights/insightTypes.js';
import type { NarrativeProvider } from './narrativeProvider.js';

function formatAmount(amountCents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(
    amountCents / 100,
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The narrative from a template: always available, no network, and the
 * fallback whenever a remote provider fails.
 */
export function writeLocalNarrative(facts: BriefingFacts): string {
  const sentences: string[] = [];
  if (facts.orderCount === 0) {
    sentences.push('No orders were placed.');
  } else {
    const revenue = facts.revenue
      .map((total) => formatAmount(total.amountCents, total.currency))
      .join(' and ');
    sentences.push(
      `${plural(facts.orderCount, 'order was', 'orders were')} placed, ` +
        `worth ${revenue}.`,
    );
  }
  const [busiest] = facts.busiestProducts;
  if (busiest) {
    sentences.push(
      `The busiest product was ${busiest.description} ` +
        `(${plural(busiest.orders, 'order', 'orders')}).`,
    );
  }
  if (facts.lateOrders.count > 0) {
    sentences.push(
      `${plural(facts.lateOrders.count, 'order is', 'orders are')} ` +
        'past the due date and not shipped.',
    );
  }
  const failed = facts.failedJobs.emails + facts.failedJobs.undispatched;
  if (failed > 0) {
    sentences.push(
      `${plural(failed, 'background job', 'background jobs')} failed; ` +
        'the operators can see which in the queue dashboard.',
    );
  }
  return sentences.join(' ');
}

export const localNarrativeProvider: NarrativeProvider = {
  name: 'local',
  writeNarrative: async (facts) => writeLocalNarrative(facts),
};
