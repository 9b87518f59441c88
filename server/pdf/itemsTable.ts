import type { DocumentOrder } from './documentView.js';
import { formatMoney } from './formatMoney.js';
import { html, type SafeHtml } from '../templates/html.js';

/** Options of {@link renderItemsTable}. */
export interface ItemsTableOptions {
  /** Label of the total row, e.g. "Total" or "Amount paid". */
  totalLabel: string;
}

/** The order lines with unit prices, line totals and the order total. */
export function renderItemsTable(
  order: DocumentOrder,
  { totalLabel }: ItemsTableOptions,
): SafeHtml {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const rows = order.items.map(
    (item) =>
      html`<tr>
        <td>${item.description}</td>
        <td class="number">${item.quantity}</td>
        <td class="number">${money(item.unitPriceCents)}</td>
        <td class="number">${money(item.lineTotalCents)}</td>
      </tr>`,
  );

  return html`<table class="items">
    <thead>
      <tr>
        <th>Description</th>
        <th class="number">Quantity</th>
        <th class="number">Unit price</th>
        <th class="number">Line total</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
    <tfoot>
      <tr>
        <td colspan="3">${totalLabel}</td>
        <td class="number">${money(order.totalCents)}</td>
      </tr>
    </tfoot>
  </table>`;
}
