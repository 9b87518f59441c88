import type { AiJobData } from '../../shared/jobs/aiJobs.js';
import type { Database, Executor } from '../db/client.js';
import { NotFoundError } from '../errors/notFoundError.js';
import {
  collectBriefingFacts,
  findCompany,
  listCompanyAdmins,
  markBriefingEmailed,
  saveBriefing,
} from '../insights/briefingRepository.js';
import {
  FORECAST_HORIZON_DAYS,
  FORECAST_METHOD,
  forecastDemand,
} from '../insights/forecastDemand.js';
import {
  loadProductLineHistories,
  saveForecast,
} from '../insights/forecastRepository.js';
import type { JobProcessor } from '../workers/jobProcessor.js';
import type { NarrativeProvider } from './narrativeProvider.js';
import { writeBriefingNarrative } from './writeBriefingNarrative.js';

/** Queues one admin's briefing email inside the caller's transaction. */
export type QueueBriefingEmail = (
  userId: string,
  companyId: string,
  date: string,
  options: { tx: Executor },
) => Promise<string>;

export interface AiProcessorDeps {
  db: Database;
  /** The configured remote narrative provider; none: the local template. */
  remoteNarrative?: NarrativeProvider;
  queueBriefingEmail: QueueBriefingEmail;
}

export interface DailyBriefingResult {
  briefingId: string;
  provider: string;
  fallbackReason: string | null;
  /** Email jobs queued now; zero when the day had been emailed already. */
  emailsQueued: number;
}

export interface DemandForecastResult {
  forecastId: string;
  productLines: number;
  skipped: number;
}

export type AiProcessors = {
  'daily-briefing': JobProcessor<
    AiJobData<'daily-briefing'>,
    DailyBriefingResult
  >;
  'demand-forecast': JobProcessor<
    AiJobData<'demand-forecast'>,
    DemandForecastResult
  >;
};

async function loadCompany(db: Executor, companyId: string) {
  const company = await findCompany(db, companyId);
  if (!company) throw new NotFoundError('Company', { companyId });
  return company;
}

/**
 * The processors of the ai queue. Figures and forecasts are always
 * computed here; only the briefing's prose may come from a remote model.
 */
export function createAiProcessors(deps: AiProcessorDeps): AiProcessors {
  const { db } = deps;

  const dailyBriefing: AiProcessors['daily-briefing'] = async (
    data,
    context,
  ) => {
    const company = await loadCompany(db, data.companyId);
    const facts = await collectBriefingFacts(db, company, data.date);
    const written = await writeBriefingNarrative(
      facts,
      deps.remoteNarrative,
      context.logger,
    );

    // Stored and emailed in one transaction: the email exists only with
    // its briefing, and a re-run of the day does not email it twice.
    return db.transaction(async (tx) => {
      const briefing = await saveBriefing(tx, {
        companyId: company.id,
        date: data.date,
        facts,
        ...written,
      });
      let emailsQueued = 0;
      if (!briefing.emailedAt) {
        for (const admin of await listCompanyAdmins(tx, company.id)) {
          await deps.queueBriefingEmail(admin.id, company.id, data.date, {
            tx,
          });
          emailsQueued += 1;
        }
        await markBriefingEmailed(tx, briefing.id);
      }
      return {
        briefingId: briefing.id,
        provider: written.provider,
        fallbackReason: written.fallbackReason,
        emailsQueued,
      };
    });
  };

  const demandForecast: AiProcessors['demand-forecast'] = async (data) => {
    const company = await loadCompany(db, data.companyId);
    const histories = await loadProductLineHistories(
      db,
      company.id,
      data.asOfDate,
    );
    const forecast = forecastDemand(histories, data.asOfDate);
    const row = await saveForecast(db, {
      companyId: company.id,
      asOfDate: data.asOfDate,
      horizonDays: FORECAST_HORIZON_DAYS,
      method: FORECAST_METHOD,
      productLines: forecast.productLines,
      skipped: forecast.skipped,
    });
    return {
      forecastId: row.id,
      productLines: forecast.productLines.length,
      skipped: forecast.skipped.length,
    };
  };

  return { 'daily-briefing': dailyBriefing, 'demand-forecast': demandForecast };
}
