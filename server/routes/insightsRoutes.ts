import { Router } from 'express';
import { z } from 'zod';
import { isoDate } from '../../shared/jobs/ids.js';
import { currentUser } from '../auth/authenticate.js';
import type { Database } from '../db/client.js';
import { NotFoundError } from '../errors/notFoundError.js';
import { findBriefing } from '../insights/briefingRepository.js';
import { describeForecast } from '../insights/describeForecast.js';
import { findLatestForecast } from '../insights/forecastRepository.js';
import { parseInput } from './parseInput.js';

const briefingParams = z.object({ date: isoDate });

/** Briefings and forecasts of the caller's own company. */
export function createInsightsRoutes(db: Database): Router {
  const router = Router();

  router.get('/briefings/:date', async (req, res) => {
    const { date } = parseInput(briefingParams, req.params);
    const briefing = await findBriefing(db, currentUser(req).companyId, date);
    if (!briefing) throw new NotFoundError('Briefing', { date });
    res.json({
      briefing: {
        date: briefing.date,
        facts: briefing.facts,
        narrative: briefing.narrative,
        provider: briefing.provider,
        fallbackReason: briefing.fallbackReason,
        emailedAt: briefing.emailedAt?.toISOString() ?? null,
        updatedAt: briefing.updatedAt.toISOString(),
      },
    });
  });

  router.get('/forecasts', async (req, res) => {
    const row = await findLatestForecast(db, currentUser(req).companyId);
    res.json(describeForecast(row));
  });

  return router;
}
