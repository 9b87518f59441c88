import type { EmailJobData } from '../../../shared/jobs/emailJobs.js';
import { NotFoundError } from '../../errors/notFoundError.js';
import { buildAppLink } from '../templates/buildAppLink.js';
import { renderOrderShipmentEmail } from '../templates/renderOrderShipmentEmail.js';
import type { ComposeContext, ComposedEmail } from './composedEmail.js';

/** The shipment notice of an order, to the user who placed it. */
export async function composeOrderShipmentEmail(
  data: EmailJobData<'order-shipment'>,
  { repository, publicBaseUrl }: ComposeContext,
): Promise<ComposedEmail> {
  const order = await repository.findOrder(data.orderId);
  if (!order) throw new NotFoundError('Order', { orderId: data.orderId });
  const user = await repository.findUser(order.createdByUserId);
  if (!user) {
    throw new NotFoundError('User', { userId: order.createdByUserId });
  }

  const content = renderOrderShipmentEmail({
    recipientName: user.name,
    orderNumber: order.orderNumber,
    carrier: data.carrier,
    trackingNumber: data.trackingNumber,
    orderUrl: buildAppLink(publicBaseUrl, ['orders', order.id]),
  });
  return { to: [user.email], companyId: order.companyId, content };
}
