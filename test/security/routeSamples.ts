import { apiTokens, companies } from '../../server/db/schema.js';
import { marketplaceConnections } from '../../server/db/schemas/marketplaceSchema.js';
import { dailyBriefings } from '../../server/db/schemas/insightsSchema.js';
import { notifications } from '../../server/db/schemas/notificationsSchema.js';
import { generateApiToken, hashApiToken } from '../../server/auth/apiTokens.js';
import type { Database } from '../../server/db/client.js';
import type { Caller } from './securityPlatform.js';

/** Records of the home company that route samples point at. */
export interface HomeRecords {
  companyId: string;
  patientId: string;
  orderId: string;
  documentId: string;
  /** A job of the home company in the emails queue. */
  emailJobId: string;
}

/** What a sample may use to build its request. */
export interface SampleContext {
  db: Database;
  home: HomeRecords;
  /**
   * Whose own records an owner-scoped route names: the caller itself, or a
   * home user when the caller belongs to the other company.
   */
  owner: Caller;
}

/** How to call one route of the table. */
export interface RouteSample {
  params?: (context: SampleContext) => Promise<Record<string, string>>;
  body?: (context: SampleContext) => unknown;
  /**
   * Answer for an allowed role of another company. Default 404: the record
   * is not theirs. A body naming another company's record may answer 400,
   * as an id that does not exist does.
   */
  foreignStatus?: number;
  /** False when the request names no record (a list of one's own). */
  namesRecord?: boolean;
  /** The answer is an endless event stream: judge it by its status. */
  stream?: boolean;
  /** Answer of an allowed caller when it is not a success, e.g. a login. */
  allowedStatus?: number;
}

const ORDER_BODY = (context: SampleContext) => ({
  patientId: context.home.patientId,
  items: [{ description: 'Progressive lenses', quantity: 1, unitPrice: 210 }],
});

async function createOwnedToken(context: SampleContext) {
  const [row] = await context.db
    .insert(apiTokens)
    .values({
      userId: context.owner.userId,
      tokenHash: hashApiToken(generateApiToken()),
      label: 'sample',
    })
    .returning({ id: apiTokens.id });
  return { id: row!.id };
}

async function createOwnedNotification(context: SampleContext) {
  const [row] = await context.db
    .insert(notifications)
    .values({
      userId: context.owner.userId,
      companyId: context.owner.companyId,
      kind: 'document-ready',
      title: 'Sample',
      body: 'Sample',
    })
    .returning({ id: notifications.id });
  return { id: String(row!.id) };
}

/** A pending request from a fresh company to the home company. */
async function createIncomingConnection(context: SampleContext) {
  const [requester] = await context.db
    .insert(companies)
    .values({ name: 'Requesting Optics' })
    .returning();
  const [row] = await context.db
    .insert(marketplaceConnections)
    .values({
      requesterCompanyId: requester!.id,
      targetCompanyId: context.home.companyId,
    })
    .returning({ id: marketplaceConnections.id });
  return { id: String(row!.id) };
}

const BRIEFING_DATE = '2026-01-02';

/** The home company's briefing of BRIEFING_DATE, made once. */
async function ensureHomeBriefing(context: SampleContext) {
  await context.db
    .insert(dailyBriefings)
    .values({
      companyId: context.home.companyId,
      date: BRIEFING_DATE,
      facts: {} as never,
      narrative: 'Sample',
      provider: 'local',
    })
    .onConflictDoNothing();
  return { date: BRIEFING_DATE };
}

const homeOrder = async ({ home }: SampleContext) => ({ id: home.orderId });
const homePatient = async ({ home }: SampleContext) => ({
  id: home.patientId,
});

/**
 * Requests for routes whose path names records or whose body is required,
 * keyed by `METHOD path` as in server/auth/routePolicies.ts.
 */
export const ROUTE_SAMPLES: Record<string, RouteSample> = {
  'POST /api/orders': { body: ORDER_BODY, foreignStatus: 400 },
  'GET /api/orders/:id': {
    params: async ({ home }) => ({ id: home.orderId }),
  },
  'POST /api/orders/:id/ship': {
    params: async ({ home }) => ({ id: home.orderId }),
    body: () => ({ trackingNumber: 'TRK 123', carrier: 'Parcel Co' }),
  },
  'POST /api/orders/:id/:kind': {
    params: async ({ home }) => ({ id: home.orderId, kind: 'invoice' }),
  },
  'GET /api/jobs/:queue/:id': {
    params: async ({ home }) => ({ queue: 'emails', id: home.emailJobId }),
  },
  'GET /api/documents/:id': {
    params: async ({ home }) => ({ id: home.documentId }),
  },
  'GET /api/auth/tokens': { namesRecord: false },
  'POST /api/auth/tokens': {
    body: () => ({ label: 'route table', expiresInDays: 1 }),
    namesRecord: false,
  },
  'DELETE /api/auth/tokens/:id': { params: createOwnedToken },
  'POST /api/orders/:id/oma': { params: homeOrder },
  'GET /api/orders/:id/oma': { params: homeOrder },
  'POST /api/patients/:id/examinations': {
    params: homePatient,
    body: () => ({
      examinedOn: '2026-01-02',
      examiner: 'Route Table',
      rightEye: { sphere: -1.25 },
      leftEye: { sphere: -1 },
    }),
  },
  'GET /api/patients/:id/examinations': { params: homePatient },
  'GET /api/insights/briefings/:date': { params: ensureHomeBriefing },
  'GET /api/insights/forecasts': { namesRecord: false },
  'GET /api/notifications': { namesRecord: false },
  'GET /api/notifications/stream': { namesRecord: false, stream: true },
  'POST /api/notifications/:id/read': { params: createOwnedNotification },
  'POST /api/marketplace/connections': {
    body: ({ home }) => ({ targetCompanyId: home.companyId }),
    namesRecord: false,
  },
  'GET /api/marketplace/connections': { namesRecord: false },
  'GET /api/marketplace/connections/:id': { params: createIncomingConnection },
  'POST /api/marketplace/connections/:id/accept': {
    params: createIncomingConnection,
  },
  'POST /api/marketplace/connections/:id/decline': {
    params: createIncomingConnection,
  },
  'GET /api/admin/jobs': { namesRecord: false },
  // A wrong password: the form is reachable, and refuses it.
  'POST /admin/login': {
    body: () => ({ email: 'nobody@example.test', password: 'wrong' }),
    allowedStatus: 401,
  },
  'POST /api/admin/queues/:queue/jobs/:id/retry': {
    params: async ({ home }) => ({ queue: 'emails', id: home.emailJobId }),
  },
  'POST /api/admin/queues/:queue/retry-failed': {
    params: async () => ({ queue: 'emails' }),
  },
  'POST /api/admin/queues/:queue/clean': {
    params: async () => ({ queue: 'emails' }),
  },
  'POST /api/admin/queues/:queue/pause': {
    params: async () => ({ queue: 'emails' }),
  },
  'POST /api/admin/queues/:queue/resume': {
    params: async () => ({ queue: 'emails' }),
  },
};
