import type { OrderItem } from '../../db/schema.js';
import type { EmailContent } from './emailContent.js';
import { formatMoney } from './formatMoney.js';
import { html } from '../../templates/html.js';
import { plainText } from './plainText.js';
import { renderEmailLayout } from './renderEmailLayout.js';
import { sanitizeSubject } from './sanitizeSubject.js';

/** What the confirmation shows; the patient is left out on purpose. */
export interface OrderConfirmationInput {
  recipientName: string;
  orderNumber: string;
  items: readonly OrderItem[];
  totalCents: number;
  currency: string;
  orderUrl: string;
}

const CELL = 'padding:6px 8px;border-bottom:1px solid #e5e7eb;';
const NUMBER_CELL = `${CELL}text-align:right;white-space:nowrap;`;

/** Confirms a new order to the user who placed it. */
export function renderOrderConfirmationEmail(
  input: OrderConfirmationInput,
): EmailContent {
  const money = (cents: number) => formatMoney(cents, input.currency);
  const title = `Order ${input.orderNumber} confirmed`;

  const rows = input.items.map(
    (item) =>
      html`<tr>
        <td style="${CELL}">${item.description}</td>
        <td style="${NUMBER_CELL}">${item.quantity}</td>
        <td style="${NUMBER_CELL}">${money(item.unitPriceCents)}</td>
        <td style="${NUMBER_CELL}">${money(item.lineTotalCents)}</td>
      </tr> `,
  );
  const body = html`<p>Hello ${input.recipientName},</p>
    <p>We have received order <strong>${input.orderNumber}</strong>.</p>
    <table style="width:100%;border-collapse:collapse;font-size:14px;">
      <thead>
        <tr>
          <th style="${CELL}text-align:left;">Item</th>
          <th style="${NUMBER_CELL}">Qty</th>
          <th style="${NUMBER_CELL}">Unit price</th>
          <th style="${NUMBER_CELL}">Amount</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
      <tfoot>
        <tr>
          <td style="${CELL}" colspan="3"><strong>Total</strong></td>
          <td style="${NUMBER_CELL}">
            <strong>${money(input.totalCents)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
    <p><a href="${input.orderUrl}">View the order</a></p> `;

  const textLines = [
    plainText`Hello ${input.recipientName},`,
    '',
    plainText`We have received order ${input.orderNumber}.`,
    '',
    ...input.items.map(
      (item) =>
        plainText`${item.quantity} x ${item.description} ` +
        plainText`(${money(item.unitPriceCents)} each): ${money(item.lineTotalCents)}`,
    ),
    plainText`Total: ${money(input.totalCents)}`,
    '',
    plainText`View the order: ${input.orderUrl}`,
  ];

  const rendered = renderEmailLayout({ title, body, textLines });
  return { subject: sanitizeSubject(title), ...rendered };
}
