import type { EmailContent } from './emailContent.js';
import { formatMoney } from './formatMoney.js';
import { html } from '../../templates/html.js';
import { plainText } from './plainText.js';
import { renderEmailLayout } from './renderEmailLayout.js';
import { sanitizeSubject } from './sanitizeSubject.js';

/** Revenue in one currency; a company may sell in several. */
export interface RevenueAmount {
  currency: string;
  amountCents: number;
}

/** The day's figures of one company, for one of its users. */
export interface DailyBriefingInput {
  recipientName: string;
  companyName: string;
  /** The calendar day as YYYY-MM-DD. */
  date: string;
  orderCount: number;
  revenue: readonly RevenueAmount[];
  /** The day told in a few sentences; absent before the AI worker ran. */
  narrative?: string;
  dashboardUrl: string;
}

// Shown as the revenue of a day without orders; the orders table's default.
const DEFAULT_CURRENCY = 'EUR';

/** The short daily summary of orders and revenue. */
export function renderDailyBriefingEmail(
  input: DailyBriefingInput,
): EmailContent {
  const day = formatDay(input.date);
  const title = `Your briefing for ${day}`;
  const revenue =
    input.revenue.length === 0
      ? formatMoney(0, DEFAULT_CURRENCY)
      : input.revenue
          .map((amount) => formatMoney(amount.amountCents, amount.currency))
          .join(' + ');
  const orders = input.orderCount === 1 ? 'order' : 'orders';

  const body = html`<p>Hello ${input.recipientName},</p>
    <p>${input.companyName} on ${day}:</p>
    <ul>
      <li><strong>${input.orderCount}</strong> ${orders}</li>
      <li>Revenue: <strong>${revenue}</strong></li>
    </ul>
    ${input.narrative ? html`<p>${input.narrative}</p>` : null}
    <p><a href="${input.dashboardUrl}">Open the dashboard</a></p> `;

  const textLines = [
    plainText`Hello ${input.recipientName},`,
    '',
    plainText`${input.companyName} on ${day}:`,
    plainText`- ${input.orderCount} ${orders}`,
    plainText`- Revenue: ${revenue}`,
    ...(input.narrative ? ['', plainText`${input.narrative}`] : []),
    '',
    plainText`Open the dashboard: ${input.dashboardUrl}`,
  ];

  const rendered = renderEmailLayout({ title, body, textLines });
  return { subject: sanitizeSubject(title), ...rendered };
}

// The date names a calendar day, not an instant: format it in UTC so the
// server's own time zone cannot move it to the day before.
function formatDay(date: string): string {
  const instant = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(instant);
}
