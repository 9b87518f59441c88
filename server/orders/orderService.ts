import type { AuthenticatedUser } from '../auth/authenticate.js';
import type { Database, Executor } from '../db/client.js';
import type { OrderItem } from '../db/schema.js';
import { ConflictError } from '../errors/conflictError.js';
import { NotFoundError } from '../errors/notFoundError.js';
import { ValidationError } from '../errors/validationError.js';
import {
  queueInvoicePDF,
  queueLabWorkTicketPDF,
  queueOrderConfirmationEmail,
  queueOrderSheetPDF,
  queueNotification,
  queueOrderShipmentEmail,
  queueReceiptPDF,
} from '../queue/helpers.js';
import type {
  CreateOrderRequest,
  ShipOrderRequest,
} from '../../shared/api/orderRequests.js';
import { nextOrderNumber } from './orderNumber.js';
import {
  findCompanyOrder,
  findCompanyPatient,
  insertOrder,
  markOrderShipped,
  type OrderRow,
} from './orderRepository.js';

/** Documents a user may ask for on an existing order. */
export type OrderDocumentKind = 'invoice' | 'receipt' | 'lab-ticket';

const DOCUMENT_HELPERS = {
  invoice: queueInvoicePDF,
  receipt: queueReceiptPDF,
  'lab-ticket': queueLabWorkTicketPDF,
} as const;

function toItems(request: CreateOrderRequest): OrderItem[] {
  return request.items.map((item) => {
    const unitPriceCents = Math.round(item.unitPrice * 100);
    return {
      description: item.description,
      quantity: item.quantity,
      unitPriceCents,
      lineTotalCents: unitPriceCents * item.quantity,
    };
  });
}

/**
 * Writes the order of `request` for the caller's company, with its items
 * and total; the patient must belong to that company.
 */
export async function insertCompanyOrder(
  tx: Executor,
  user: AuthenticatedUser,
  request: CreateOrderRequest,
): Promise<OrderRow> {
  const patient = await findCompanyPatient(
    tx,
    user.companyId,
    request.patientId,
  );
  if (!patient) {
    throw new ValidationError([
      { path: 'patientId', message: 'no such patient in your company' },
    ]);
  }
  const items = toItems(request);
  return insertOrder(tx, {
    companyId: user.companyId,
    patientId: patient.id,
    createdByUserId: user.id,
    orderNumber: await nextOrderNumber(tx),
    items,
    totalCents: items.reduce((sum, item) => sum + item.lineTotalCents, 0),
  });
}

/**
 * Creates the order and, in the same transaction, its confirmation email
 * and order sheet: all three exist, or none does.
 */
export async function createOrder(
  db: Database,
  user: AuthenticatedUser,
  request: CreateOrderRequest,
) {
  return db.transaction(async (tx) => {
    const order = await insertCompanyOrder(tx, user, request);
    const confirmationEmailJobId = await queueOrderConfirmationEmail(
      order.id,
      user.id,
      { tx },
    );
    const orderSheetJobId = await queueOrderSheetPDF(order.id, {
      tx,
      requestedByUserId: user.id,
    });
    return { order, jobs: { confirmationEmailJobId, orderSheetJobId } };
  });
}

export async function getOrder(
  db: Database,
  user: AuthenticatedUser,
  orderId: string,
): Promise<OrderRow> {
  const order = await findCompanyOrder(db, user.companyId, orderId);
  if (!order) throw new NotFoundError('Order', { orderId });
  return order;
}

/** Records the shipment and queues the email, together. */
export async function shipOrder(
  db: Database,
  user: AuthenticatedUser,
  orderId: string,
  shipment: ShipOrderRequest,
) {
  return db.transaction(async (tx) => {
    const order = await findCompanyOrder(tx, user.companyId, orderId);
    if (!order) throw new NotFoundError('Order', { orderId });
    if (order.status === 'cancelled') {
      throw new ConflictError('A cancelled order cannot be shipped');
    }
    // A second shipment would send the customer another "shipped" email.
    if (order.status === 'shipped') {
      throw new ConflictError('The order has already been shipped', {
        trackingNumber: order.trackingNumber,
      });
    }
    const shipped = await markOrderShipped(tx, order.id, shipment);
    const shipmentEmailJobId = await queueOrderShipmentEmail(
      order.id,
      shipment.trackingNumber,
      shipment.carrier,
      { tx },
    );
    const shippedNotificationJobId = await queueNotification(
      'order-shipped',
      { userId: order.createdByUserId, orderId: order.id },
      { tx },
    );
    return {
      order: shipped,
      jobs: { shipmentEmailJobId, shippedNotificationJobId },
    };
  });
}

/** Queues one PDF of an order the user's company owns. */
export async function requestOrderDocument(
  db: Database,
  user: AuthenticatedUser,
  orderId: string,
  kind: OrderDocumentKind,
): Promise<string> {
  const order = await findCompanyOrder(db, user.companyId, orderId);
  if (!order) throw new NotFoundError('Order', { orderId });
  return DOCUMENT_HELPERS[kind](order.id, { requestedByUserId: user.id });
}
