import { renderDocumentPage } from './documentLayout.js';
import type { OrderDocumentView } from './documentView.js';
import { formatDate } from './formatDate.js';
import { html } from '../templates/html.js';
import { renderItemsTable } from './itemsTable.js';
import { renderPatientDetails } from './patientDetails.js';

/**
 * Proof of payment for an order. The platform records no payments yet, so
 * the receipt states the order total as paid on the day it is issued; staff
 * queue it once the patient has paid.
 */
export function renderReceiptHtml(view: OrderDocumentView): string {
  const { company, order } = view;

  return renderDocumentPage({
    title: 'Receipt',
    reference: `Receipt RCT-${order.orderNumber}`,
    company,
    issuedAt: view.issuedAt,
    body: html`${renderPatientDetails(view.patient, 'Received from')}
      <section>
        <h2>Payment</h2>
        <dl class="fields">
          <dt>Receipt number</dt>
          <dd>RCT-${order.orderNumber}</dd>
          <dt>Order number</dt>
          <dd>${order.orderNumber}</dd>
          <dt>Paid on</dt>
          <dd>${formatDate(view.issuedAt, company.timeZone)}</dd>
        </dl>
      </section>
      <section>
        <h2>Items</h2>
        ${renderItemsTable(order, { totalLabel: 'Amount paid' })}
      </section>`,
  });
}
