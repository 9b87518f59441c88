import { z } from 'zod';
import { parseRetryAfterMs } from '../email/transports/parseRetryAfterMs.js';
import type { BriefingFacts } from '../insights/insightTypes.js';
import type { NarrativeProvider } from './narrativeProvider.js';
import { NarrativeProviderError } from './narrativeProviderError.js';

/** Where the chat-completions API is and how long to wait for it. */
export interface OpenAiCompatibleOptions {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  /** Clock for the 429 cool-down; tests fix it. */
  now?: () => number;
}

/** A narrative longer than this is cut at the last sentence that fits. */
const MAX_NARRATIVE_CHARS = 1200;
const MIN_NARRATIVE_CHARS = 20;
/** An answer bigger than this is not a short narrative. */
const MAX_RESPONSE_BYTES = 256 * 1024;

const SYSTEM_PROMPT =
  'You write the daily briefing of an optical lab for its managers. ' +
  'Given the day as JSON, answer with two to four plain sentences: what ' +
  'happened, and what needs attention (late orders, failed jobs). Use only ' +
  'the figures given. No greeting, no lists, no markdown.';

const completionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullable() }) }))
    .min(1),
});

/** Control characters other than newlines have no place in an email. */
function cleanNarrative(text: string): string {
  const printable = [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      return char === '\n' || (code >= 32 && code !== 127) ? char : ' ';
    })
    .join('');
  const cleaned = printable.replace(/[ ]{2,}/g, ' ').trim();
  if (cleaned.length <= MAX_NARRATIVE_CHARS) return cleaned;
  const cut = cleaned.slice(0, MAX_NARRATIVE_CHARS);
  const lastStop = cut.lastIndexOf('. ');
  return lastStop > MIN_NARRATIVE_CHARS ? cut.slice(0, lastStop + 1) : cut;
}

function completionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}

/**
 * A narrative from any API that speaks OpenAI's chat-completions format.
 * Only the day's figures are sent (no names, no addresses). After a 429
 * the provider is not called again until the Retry-After has passed: the
 * briefings in between use the local narrative instead of waiting.
 */
export function createOpenAiCompatibleProvider(
  options: OpenAiCompatibleOptions,
): NarrativeProvider {
  const now = options.now ?? Date.now;
  let coolDownUntil = 0;

  async function request(facts: BriefingFacts): Promise<Response> {
    try {
      return await fetch(completionsUrl(options.baseUrl), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          model: options.model,
          temperature: 0.3,
          max_tokens: 300,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: JSON.stringify(facts) },
          ],
        }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      throw toRequestError(error);
    }
  }

  async function readBody(response: Response): Promise<string> {
    try {
      const text = await response.text();
      if (text.length > MAX_RESPONSE_BYTES) {
        throw new NarrativeProviderError(
          'invalid_response',
          'The provider answered more than a narrative',
        );
      }
      return text;
    } catch (error) {
      if (error instanceof NarrativeProviderError) throw error;
      throw toRequestError(error);
    }
  }

  return {
    name: 'openai-compatible',
    async writeNarrative(facts) {
      if (now() < coolDownUntil) {
        throw new NarrativeProviderError(
          'rate_limited',
          'The provider asked us to wait; not calling it yet',
        );
      }
      const response = await request(facts);
      if (response.status === 429) {
        await response.body?.cancel();
        coolDownUntil =
          now() + parseRetryAfterMs(response.headers.get('retry-after'));
        throw new NarrativeProviderError(
          'rate_limited',
          'The provider is rate limiting us',
          { status: 429 },
        );
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new NarrativeProviderError(
          'http_error',
          `The provider answered HTTP ${response.status}`,
          { status: response.status },
        );
      }
      return parseNarrative(await readBody(response));
    },
  };
}

function parseNarrative(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new NarrativeProviderError(
      'invalid_response',
      'The provider did not answer JSON',
      { cause: error },
    );
  }
  const parsed = completionSchema.safeParse(json);
  const content = parsed.success
    ? parsed.data.choices[0]!.message.content
    : null;
  const narrative = cleanNarrative(content ?? '');
  if (narrative.length < MIN_NARRATIVE_CHARS) {
    throw new NarrativeProviderError(
      'invalid_response',
      'The provider answered without a usable narrative',
    );
  }
  return narrative;
}

function toRequestError(error: unknown): NarrativeProviderError {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new NarrativeProviderError(
      'timeout',
      'The provider did not answer in time',
      { cause: error },
    );
  }
  return new NarrativeProviderError(
    'network',
    'The provider could not be reached',
    { cause: error },
  );
}
