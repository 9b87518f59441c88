import { renderDocumentPage } from './documentLayout.js';
import type { OrderDocumentView } from './documentView.js';
import { formatDate } from './formatDate.js';
import { html } from '../templates/html.js';
import { renderItemsTable } from './itemsTable.js';
import { renderPatientDetails } from './patientDetails.js';

/** The order as the practice placed it: patient, lines and total. */
export function renderOrderSheetHtml(view: OrderDocumentView): string {
  const { company, order } = view;
  const placedOn = formatDate(order.createdAt, company.timeZone);

  return renderDocumentPage({
    title: 'Order sheet',
    reference: `Order ${order.orderNumber}`,
    company,
    issuedAt: view.issuedAt,
    body: html`${renderPatientDetails(view.patient)}
      <section>
        <h2>Order</h2>
        <dl class="fields">
          <dt>Order number</dt>
          <dd>${order.orderNumber}</dd>
          <dt>Placed on</dt>
          <dd>${placedOn}</dd>
          <dt>Status</dt>
          <dd>${order.status}</dd>
        </dl>
      </section>
      <section>
        <h2>Items</h2>
        ${renderItemsTable(order, { totalLabel: 'Total' })}
      </section>`,
  });
}
