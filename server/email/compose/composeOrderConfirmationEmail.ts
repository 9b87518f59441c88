import type { EmailJobData } from '../../../shared/jobs/emailJobs.js';
import { NotFoundError } from '../../errors/notFoundError.js';
import { buildAppLink } from '../templates/buildAppLink.js';
import { renderOrderConfirmationEmail } from '../templates/renderOrderConfirmationEmail.js';
import type { ComposeContext, ComposedEmail } from './composedEmail.js';

/** The confirmation of an order, to the user named in the job. */
export async function composeOrderConfirmationEmail(
  data: EmailJobData<'order-confirmation'>,
  { repository, publicBaseUrl }: ComposeContext,
): Promise<ComposedEmail> {
  const order = await repository.findOrder(data.orderId);
  if (!order) throw new NotFoundError('Order', { orderId: data.orderId });
  const user = await repository.findUser(data.userId);
  // A user of another company must never receive this company's order.
  if (!user || user.companyId !== order.companyId) {
    throw new NotFoundError('User', { userId: data.userId });
  }

  const content = renderOrderConfirmationEmail({
    recipientName: user.name,
    orderNumber: order.orderNumber,
    items: order.items,
    totalCents: order.totalCents,
    currency: order.currency,
    orderUrl: buildAppLink(publicBaseUrl, ['orders', order.id]),
  });
  return { to: [user.email], companyId: order.companyId, content };
}
