import type { NarrativeProvider as ProviderName } from '../db/schemas/insightsSchema.js';
import type { BriefingFacts } from '../insights/insightTypes.js';

/** Writes the few sentences that go with a day's facts. */
export interface NarrativeProvider {
  readonly name: ProviderName;
  /** Rejects with NarrativeProviderError when it cannot. */
  writeNarrative(facts: BriefingFacts): Promise<string>;
}
