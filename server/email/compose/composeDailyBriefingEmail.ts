import type { EmailJobData } from '../../../shared/jobs/emailJobs.js';
import { NotFoundError } from '../../errors/notFoundError.js';
import { buildAppLink } from '../templates/buildAppLink.js';
import { renderDailyBriefingEmail } from '../templates/renderDailyBriefingEmail.js';
import type { ComposeContext, ComposedEmail } from './composedEmail.js';

/**
 * A company's order count and revenue of one day, with the AI worker's
 * narrative when one was written, to one of its users.
 */
export async function composeDailyBriefingEmail(
  data: EmailJobData<'daily-briefing'>,
  { repository, publicBaseUrl }: ComposeContext,
): Promise<ComposedEmail> {
  const company = await repository.findCompany(data.companyId);
  if (!company) {
    throw new NotFoundError('Company', { companyId: data.companyId });
  }
  const user = await repository.findUser(data.userId);
  // Figures of one company go only to that company's own users.
  if (!user || user.companyId !== company.id) {
    throw new NotFoundError('User', { userId: data.userId });
  }
  const summary = await repository.summarizeDailyOrders(company.id, data.date);
  const narrative = await repository.findBriefingNarrative(
    company.id,
    data.date,
  );

  const content = renderDailyBriefingEmail({
    recipientName: user.name,
    companyName: company.name,
    date: data.date,
    orderCount: summary.orderCount,
    revenue: summary.revenue,
    narrative,
    dashboardUrl: buildAppLink(publicBaseUrl, ['dashboard']),
  });
  return { to: [user.email], companyId: company.id, content };
}
