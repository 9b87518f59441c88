import { renderDocumentPage } from './documentLayout.js';
import type { OrderDocumentView } from './documentView.js';
import { formatDate } from './formatDate.js';
import { html } from '../templates/html.js';
import { renderItemsTable } from './itemsTable.js';
import { renderPatientDetails } from './patientDetails.js';

/**
 * The bill for an order. Amounts are printed as stored on the order; the
 * platform keeps no tax breakdown, so none is invented here.
 */
export function renderInvoiceHtml(view: OrderDocumentView): string {
  const { company, order } = view;

  return renderDocumentPage({
    title: 'Invoice',
    reference: `Invoice INV-${order.orderNumber}`,
    company,
    issuedAt: view.issuedAt,
    body: html`${renderPatientDetails(view.patient, 'Bill to')}
      <section>
        <h2>Order</h2>
        <dl class="fields">
          <dt>Invoice number</dt>
          <dd>INV-${order.orderNumber}</dd>
          <dt>Order number</dt>
          <dd>${order.orderNumber}</dd>
          <dt>Ordered on</dt>
          <dd>${formatDate(order.createdAt, company.timeZone)}</dd>
        </dl>
      </section>
      <section>
        <h2>Items</h2>
        ${renderItemsTable(order, { totalLabel: 'Amount due' })}
      </section>`,
  });
}
