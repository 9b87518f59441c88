import { renderDocumentPage } from './documentLayout.js';
import type { OrderDocumentView } from './documentView.js';
import { formatDate } from './formatDate.js';
import { html } from '../templates/html.js';
import { formatPatientName } from './patientDetails.js';

const LAB_STAGES = [
  'Received',
  'Surfacing',
  'Coating',
  'Edging',
  'Quality check',
  'Dispatched',
];

/**
 * Instructions for the lab that makes the lenses. Prices are left out: the
 * ticket travels with the job through the workshop.
 */
export function renderLabWorkTicketHtml(view: OrderDocumentView): string {
  const { company, order } = view;
  const items = order.items.map(
    (item) =>
      html`<tr>
        <td class="number">${item.quantity}</td>
        <td>${item.description}</td>
      </tr>`,
  );
  const stages = LAB_STAGES.map(
    (stage) =>
      html`<tr>
        <td>${stage}</td>
        <td></td>
        <td></td>
      </tr>`,
  );

  return renderDocumentPage({
    title: 'Lab work ticket',
    reference: `Order ${order.orderNumber}`,
    company,
    issuedAt: view.issuedAt,
    body: html`<section>
        <h2>Job</h2>
        <dl class="fields">
          <dt>Order number</dt>
          <dd>${order.orderNumber}</dd>
          <dt>Patient</dt>
          <dd>${formatPatientName(view.patient)}</dd>
          <dt>Ordered on</dt>
          <dd>${formatDate(order.createdAt, company.timeZone)}</dd>
          <dt>Ship with</dt>
          <dd>${order.carrier ?? 'Not chosen yet'}</dd>
        </dl>
      </section>
      <section>
        <h2>Work</h2>
        <table>
          <thead>
            <tr>
              <th class="number">Quantity</th>
              <th>Description</th>
            </tr>
          </thead>
          <tbody>
            ${items}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Progress</h2>
        <table class="grid">
          <thead>
            <tr>
              <th>Stage</th>
              <th>Initials</th>
              <th>Date</th>
            </tr>
          </thead>
          <tbody>
            ${stages}
          </tbody>
        </table>
      </section>
      <section>
        <h2>Notes</h2>
        <div class="notes"></div>
      </section>`,
  });
}
