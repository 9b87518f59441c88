import type { EmailContent } from './emailContent.js';
import { html } from '../../templates/html.js';
import { plainText } from './plainText.js';
import { renderEmailLayout } from './renderEmailLayout.js';
import { sanitizeSubject } from './sanitizeSubject.js';

/** What the shipment notice shows. */
export interface OrderShipmentInput {
  recipientName: string;
  orderNumber: string;
  carrier: string;
  trackingNumber: string;
  orderUrl: string;
}

/** Tells the user who placed an order that it left the lab. */
export function renderOrderShipmentEmail(
  input: OrderShipmentInput,
): EmailContent {
  const title = `Order ${input.orderNumber} has shipped`;

  const body = html`<p>Hello ${input.recipientName},</p>
    <p>Order <strong>${input.orderNumber}</strong> is on its way.</p>
    <p>
      Carrier: ${input.carrier}<br />
      Tracking number: <strong>${input.trackingNumber}</strong>
    </p>
    <p><a href="${input.orderUrl}">View the order</a></p> `;

  const textLines = [
    plainText`Hello ${input.recipientName},`,
    '',
    plainText`Order ${input.orderNumber} is on its way.`,
    plainText`Carrier: ${input.carrier}`,
    plainText`Tracking number: ${input.trackingNumber}`,
    '',
    plainText`View the order: ${input.orderUrl}`,
  ];

  const rendered = renderEmailLayout({ title, body, textLines });
  return { subject: sanitizeSubject(title), ...rendered };
}
