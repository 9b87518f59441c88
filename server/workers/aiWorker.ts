import { createAiProcessors } from '../ai/createAiProcessors.js';
import { createOpenAiCompatibleProvider } from '../ai/openAiCompatibleProvider.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { queueDailyBriefingEmail } from '../queue/helpers.js';
import type { QueueProcessors } from '../queue/jobRunner.js';

/**
 * Processors of the `ai` queue: concurrency 2 (see server/queue/config.ts).
 * The narrative comes from the OpenAI-compatible API when AI_BASE_URL,
 * AI_API_KEY and AI_MODEL are set, else from the local template.
 */
export function createAiWorkerProcessors(
  config: Config,
  db: Database,
): QueueProcessors {
  const remote = config.ai.remote;
  return createAiProcessors({
    db,
    remoteNarrative: remote
      ? createOpenAiCompatibleProvider({
          ...remote,
          timeoutMs: config.ai.timeoutMs,
        })
      : undefined,
    queueBriefingEmail: queueDailyBriefingEmail,
  }) as unknown as QueueProcessors;
}
