import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiCompatibleProvider } from '../../server/ai/openAiCompatibleProvider.js';
import { NarrativeProviderError } from '../../server/ai/narrativeProviderError.js';
import { writeBriefingNarrative } from '../../server/ai/writeBriefingNarrative.js';
import { writeLocalNarrative } from '../../server/ai/localNarrativeProvider.js';
import type { BriefingFacts } from '../../server/insights/insightTypes.js';
import {
  startFakeChatCompletions,
  type FakeChatCompletions,
} from './fakeChatCompletions.js';

const FACTS: BriefingFacts = {
  date: '2026-03-30',
  timeZone: 'Europe/Berlin',
  orderCount: 3,
  revenue: [{ currency: 'EUR', amountCents: 35850 }],
  lateOrders: { count: 1, orderNumbers: ['IL-1001'] },
  failedJobs: { emails: 0, undispatched: 0 },
  busiestProducts: [
    { description: 'Single vision lenses, pair', orders: 2, quantity: 2 },
  ],
};
const silent = pino({ level: 'silent' });

describe('OpenAI-compatible narrative provider', () => {
  let fake: FakeChatCompletions;
  let clockMs = Date.parse('2026-03-31T07:00:00Z');
  const createProvider = (timeoutMs = 2000) =>
    createOpenAiCompatibleProvider({
      baseUrl: fake.baseUrl,
      apiKey: 'test-key-123',
      model: 'test-model',
      timeoutMs,
      now: () => clockMs,
    });

  beforeAll(async () => {
    fake = await startFakeChatCompletions();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });
  afterAll(() => fake.close());

  it('sends the facts with the key and model, and returns the narrative', async () => {
    fake.setMode({
      kind: 'ok',
      content: '  Three orders today.\u0007 Good.  ',
    });
    const narrative = await createProvider().writeNarrative(FACTS);

    expect(narrative).toBe('Three orders today. Good.');
    const [request] = fake.requests;
    expect(request!.authorization).toBe('Bearer test-key-123');
    expect(request!.body.model).toBe('test-model');
    const messages = request!.body.messages as { content: string }[];
    expect(JSON.parse(messages[1]!.content)).toEqual(FACTS);
  });

  it.each([
    ['garbage', { kind: 'garbage' } as const, 'invalid_response'],
    ['no choices', { kind: 'no-choices' } as const, 'invalid_response'],
    [
      'an empty narrative',
      { kind: 'ok', content: ' ' } as const,
      'invalid_response',
    ],
    ['a 503', { kind: 'server-error' } as const, 'http_error'],
  ])('rejects %s with a reason', async (_label, mode, reason) => {
    fake.setMode(mode);
    const error = await createProvider()
      .writeNarrative(FACTS)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NarrativeProviderError);
    expect((error as NarrativeProviderError).reason).toBe(reason);
  });

  it('gives up on a provider that hangs after its timeout', async () => {
    fake.setMode({ kind: 'hang' });
    const error = await createProvider(300)
      .writeNarrative(FACTS)
      .catch((caught: unknown) => caught);
    expect((error as NarrativeProviderError).reason).toBe('timeout');
  });

  it('stops calling after a 429 until the Retry-After has passed', async () => {
    const provider = createProvider();
    fake.setMode({ kind: 'rate-limited', retryAfterSeconds: 30 });
    await expect(provider.writeNarrative(FACTS)).rejects.toMatchObject({
      reason: 'rate_limited',
    });

    fake.setMode({ kind: 'ok', content: 'Back to normal business.' });
    await expect(provider.writeNarrative(FACTS)).rejects.toMatchObject({
      reason: 'rate_limited',
    });
    expect(fake.requests).toHaveLength(1);

    clockMs += 31_000;
    await expect(provider.writeNarrative(FACTS)).resolves.toBe(
      'Back to normal business.',
    );
  });
});

describe('writeBriefingNarrative', () => {
  it('uses the local template when no provider is configured', async () => {
    const written = await writeBriefingNarrative(FACTS, undefined, silent);
    expect(written).toEqual({
      narrative: writeLocalNarrative(FACTS),
      provider: 'local',
      fallbackReason: null,
    });
    expect(written.narrative).toContain('3 orders were placed');
    expect(written.narrative).toContain('1 order is past the due date');
  });

  it('falls back to the local narrative when the provider fails', async () => {
    const failing = {
      name: 'openai-compatible' as const,
      writeNarrative: () =>
        Promise.reject(new NarrativeProviderError('timeout', 'too slow')),
    };
    const written = await writeBriefingNarrative(FACTS, failing, silent);
    expect(written.provider).toBe('local');
    expect(written.fallbackReason).toBe('timeout');
    expect(written.narrative).toBe(writeLocalNarrative(FACTS));
  });
});
