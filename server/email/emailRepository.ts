import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import {
  companies,
  emailLog,
  orders,
  outgoingEmails,
  users,
} from '../db/schema.js';
import type { RevenueAmount } from './templates/renderDailyBriefingEmail.js';
import { findBriefing } from '../insights/briefingRepository.js';

/** Statuses that mean the message left us; such a job never sends again. */
const DELIVERED_STATUSES = ['sent', 'captured'] as const;

/** One row of `email_log`, as the email processors write it. */
export interface EmailLogEntry {
  jobId: string;
  companyId: string | null;
  type: string;
  recipient: string;
  providerMessageId: string | null;
  status: (typeof emailLog.$inferInsert)['status'];
  error?: string | null;
}

/** A company's orders of one day, by currency. */
export interface DailyOrderSummary {
  orderCount: number;
  revenue: RevenueAmount[];
}

/** The reads and writes of the email processors. */
export type EmailRepository = ReturnType<typeof createEmailRepository>;

/** Data access of the email jobs, over the database or a transaction. */
export function createEmailRepository(db: Executor) {
  return {
    async findDeliveredEmail(jobId: string) {
      const [row] = await db
        .select()
        .from(emailLog)
        .where(
          and(
            eq(emailLog.jobId, jobId),
            inArray(emailLog.status, DELIVERED_STATUSES),
          ),
        )
        .limit(1);
      return row;
    },

    /**
     * One row per job. A failure never overwrites a delivered row, and the
     * first delivery recorded wins when two attempts race.
     */
    async recordEmail(entry: EmailLogEntry): Promise<void> {
      await db
        .insert(emailLog)
        .values(entry)
        .onConflictDoUpdate({
          target: emailLog.jobId,
          set: {
            companyId: entry.companyId,
            type: entry.type,
            recipient: entry.recipient,
            providerMessageId: entry.providerMessageId,
            status: entry.status,
            error: entry.error ?? null,
          },
          setWhere: eq(emailLog.status, 'failed'),
        });
    },

    async findOrder(orderId: string) {
      const [row] = await db
        .select()
        .from(orders)
        .where(eq(orders.id, orderId));
      return row;
    },

    async findUser(userId: string) {
      const [row] = await db.select().from(users).where(eq(users.id, userId));
      return row;
    },

    async findCompany(companyId: string) {
      const [row] = await db
        .select()
        .from(companies)
        .where(eq(companies.id, companyId));
      return row;
    },

    async listCompanyAdmins(companyId: string) {
      return db
        .select({ id: users.id, email: users.email, name: users.name })
        .from(users)
        .where(
          and(eq(users.companyId, companyId), eq(users.role, 'company_admin')),
        )
        .orderBy(asc(users.createdAt), asc(users.id));
    },

    /** The AI worker's narrative of that day, when a briefing was made. */
    async findBriefingNarrative(
      companyId: string,
      date: string,
    ): Promise<string | undefined> {
      return (await findBriefing(db, companyId, date))?.narrative;
    },

    /**
     * Orders placed on `date` (YYYY-MM-DD) in the company's own time zone,
     * cancelled ones left out, with their revenue per currency.
     */
    async summarizeDailyOrders(
      companyId: string,
      date: string,
    ): Promise<DailyOrderSummary> {
      const dayStart = sql`(${date}::date)::timestamp at time zone ${companies.timeZone}`;
      const dayEnd = sql`(${date}::date + 1)::timestamp at time zone ${companies.timeZone}`;
      const rows = await db
        .select({
          currency: orders.currency,
          orderCount: sql<number>`count(*)`.mapWith(Number),
          amountCents: sql<number>`sum(${orders.totalCents})`.mapWith(Number),
        })
        .from(orders)
        .innerJoin(companies, eq(companies.id, orders.companyId))
        .where(
          and(
            eq(orders.companyId, companyId),
            ne(orders.status, 'cancelled'),
            sql`${orders.createdAt} >= ${dayStart}`,
            sql`${orders.createdAt} < ${dayEnd}`,
          ),
        )
        .groupBy(orders.currency)
        .orderBy(asc(orders.currency));

      return {
        orderCount: rows.reduce((total, row) => total + row.orderCount, 0),
        revenue: rows.map(({ currency, amountCents }) => ({
          currency,
          amountCents,
        })),
      };
    },

    async findOutgoingEmail(emailId: string) {
      const [row] = await db
        .select()
        .from(outgoingEmails)
        .where(eq(outgoingEmails.id, emailId));
      return row;
    },
  };
}
