import type {
  NotificationJobData,
  NotificationKind,
} from '../../shared/jobs/notificationJobs.js';
import type { DocumentType } from '../db/schema.js';
import { NotFoundError } from '../errors/notFoundError.js';
import type { NotificationSourceRepository } from './notificationSourceRepository.js';

/** What a notification says, rendered by the worker. */
export interface NotificationContent {
  title: string;
  body: string;
  /** An API path of the record it is about. */
  link: string | null;
}

type Composer<K extends NotificationKind> = (
  data: NotificationJobData<K>,
  recipient: { companyId: string },
  sources: NotificationSourceRepository,
) => Promise<NotificationContent>;

// Types without a label here are named by their type, dashes as spaces.
const DOCUMENT_LABELS: Partial<Record<DocumentType, string>> = {
  'order-sheet': 'order sheet',
  'lab-work-ticket': 'lab work ticket',
  'examination-form': 'examination form',
  invoice: 'invoice',
  receipt: 'receipt',
};

const composePdfReady: Composer<'pdf-ready'> = async (data, to, sources) => {
  const document = await sources.findCompanyDocument(
    to.companyId,
    data.documentId,
  );
  if (!document) {
    throw new NotFoundError('Document', { documentId: data.documentId });
  }
  const label =
    DOCUMENT_LABELS[document.type] ?? document.type.replaceAll('-', ' ');
  const subject = document.orderNumber
    ? `The ${label} of order ${document.orderNumber}`
    : `The ${label}`;
  return {
    title: `Your ${label} is ready`,
    body: `${subject} is ready to download.`,
    link: `/api/documents/${document.id}`,
  };
};

const composeOrderShipped: Composer<'order-shipped'> = async (
  data,
  to,
  sources,
) => {
  const order = await sources.findCompanyOrder(to.companyId, data.orderId);
  if (!order) throw new NotFoundError('Order', { orderId: data.orderId });
  const tracking =
    order.carrier && order.trackingNumber
      ? ` with ${order.carrier}, tracking number ${order.trackingNumber}`
      : '';
  return {
    title: `Order ${order.orderNumber} shipped`,
    body: `Order ${order.orderNumber} is on its way${tracking}.`,
    link: `/api/orders/${order.id}`,
  };
};

const composeJobFailed: Composer<'job-failed'> = async (data) => ({
  title: 'A background job failed',
  body:
    `The ${data.jobName} job of the ${data.queue} queue failed for good ` +
    'and will not be tried again.',
  link: `/api/jobs/${data.queue}/${data.jobId}`,
});

type ConnectionKind =
  'marketplace-request' | 'marketplace-accepted' | 'marketplace-declined';

/** Loads the connection the recipient's company takes part in. */
async function loadConnection(
  data: { connectionId: number },
  side: 'requester' | 'target',
  to: { companyId: string },
  sources: NotificationSourceRepository,
) {
  const connection = await sources.findConnection(data.connectionId);
  const companyId =
    side === 'target'
      ? connection?.targetCompanyId
      : connection?.requesterCompanyId;
  if (!connection || companyId !== to.companyId) {
    throw new NotFoundError('Marketplace connection', {
      connectionId: data.connectionId,
    });
  }
  return connection;
}

const composeConnectionRequest: Composer<'marketplace-request'> = async (
  data,
  to,
  sources,
) => {
  const connection = await loadConnection(data, 'target', to, sources);
  return {
    title: `${connection.requesterName} wants to connect`,
    body:
      `${connection.requesterName} asks to connect with ` +
      `${connection.targetName} on the marketplace. Accept or decline it.`,
    link: `/api/marketplace/connections/${connection.id}`,
  };
};

function composeConnectionAnswer(
  answer: 'accepted' | 'declined',
): Composer<ConnectionKind> {
  return async (data, to, sources) => {
    const connection = await loadConnection(data, 'requester', to, sources);
    return {
      title: `${connection.targetName} ${answer} your connection request`,
      body:
        answer === 'accepted'
          ? `You are now connected with ${connection.targetName}.`
          : `${connection.targetName} declined to connect for now.`,
      link: `/api/marketplace/connections/${connection.id}`,
    };
  };
}

const composeBriefingReady: Composer<'briefing-ready'> = async (data) => ({
  title: `Your daily briefing for ${data.date} is ready`,
  body: `The facts and summary of ${data.date} are ready to read.`,
  link: `/api/insights/briefings/${data.date}`,
});

/** One composer per kind: it loads what it names and renders the text. */
export const NOTIFICATION_COMPOSERS: {
  [K in NotificationKind]: Composer<K>;
} = {
  'pdf-ready': composePdfReady,
  'order-shipped': composeOrderShipped,
  'job-failed': composeJobFailed,
  'marketplace-request': composeConnectionRequest,
  'marketplace-accepted': composeConnectionAnswer('accepted'),
  'marketplace-declined': composeConnectionAnswer('declined'),
  'briefing-ready': composeBriefingReady,
};
