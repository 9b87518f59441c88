import type { NarrativeProvider as ProviderName } from '../db/schemas/insightsSchema.js';
import type { BriefingFacts } from '../insights/insightTypes.js';
import type { Logger } from '../logger.js';
import { writeLocalNarrative } from './localNarrativeProvider.js';
import type { NarrativeProvider } from './narrativeProvider.js';
import { NarrativeProviderError } from './narrativeProviderError.js';

/** A narrative and who wrote it. */
export interface BriefingNarrative {
  narrative: string;
  provider: ProviderName;
  /** Why the remote provider was not used; null when it was, or is none. */
  fallbackReason: string | null;
}

/**
 * Asks the remote provider when there is one, and uses the local template
 * whenever it fails: a briefing never waits on, or fails with, the AI.
 */
export async function writeBriefingNarrative(
  facts: BriefingFacts,
  remote: NarrativeProvider | undefined,
  logger: Logger,
): Promise<BriefingNarrative> {
  if (!remote) {
    return {
      narrative: writeLocalNarrative(facts),
      provider: 'local',
      fallbackReason: null,
    };
  }
  try {
    const narrative = await remote.writeNarrative(facts);
    return { narrative, provider: remote.name, fallbackReason: null };
  } catch (error) {
    const reason =
      error instanceof NarrativeProviderError ? error.reason : 'unexpected';
    logger.warn({ reason, provider: remote.name }, 'ai.narrative.fallback');
    return {
      narrative: writeLocalNarrative(facts),
      provider: 'local',
      fallbackReason: reason,
    };
  }
}
