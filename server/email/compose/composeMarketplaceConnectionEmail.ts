import type { EmailJobData } from '../../../shared/jobs/emailJobs.js';
import { NotFoundError } from '../../errors/notFoundError.js';
import { buildAppLink } from '../templates/buildAppLink.js';
import { renderMarketplaceConnectionEmail } from '../templates/renderMarketplaceConnectionEmail.js';
import type { ComposeContext, ComposedEmail } from './composedEmail.js';

/**
 * A connection request, to every company admin of the target company in
 * one message. The connection itself is not loaded: the platform has no
 * connections table yet, so the job's ids are all there is to show.
 */
export async function composeMarketplaceConnectionEmail(
  data: EmailJobData<'marketplace-connection'>,
  { repository, publicBaseUrl }: ComposeContext,
): Promise<ComposedEmail> {
  const requester = await repository.findCompany(data.requesterCompanyId);
  if (!requester) {
    throw new NotFoundError('Requesting company', {
      companyId: data.requesterCompanyId,
    });
  }
  const target = await repository.findCompany(data.targetCompanyId);
  if (!target) {
    throw new NotFoundError('Target company', {
      companyId: data.targetCompanyId,
    });
  }
  const admins = await repository.listCompanyAdmins(target.id);
  if (admins.length === 0) {
    throw new NotFoundError('Company admin of the target company', {
      companyId: target.id,
    });
  }

  const content = renderMarketplaceConnectionEmail({
    requesterCompanyName: requester.name,
    targetCompanyName: target.name,
    connectionId: data.connectionId,
    connectionUrl: buildAppLink(publicBaseUrl, [
      'marketplace',
      'connections',
      data.connectionId,
    ]),
  });
  return {
    to: admins.map((admin) => admin.email),
    companyId: target.id,
    content,
  };
}
