import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { genericEmailContentSchema } from '../../shared/jobs/emailJobs.js';
import { assertHeaderSafeMessage } from '../../server/email/assertHeaderSafeMessage.js';
import { deliverEmailOnce } from '../../server/email/deliverEmailOnce.js';
import type { EmailRepository } from '../../server/email/emailRepository.js';
import type { OutgoingMessage } from '../../server/email/emailTransport.js';
import { createRecordingTransport } from './createRecordingTransport.js';
import { createTestJobContext } from './createTestJobContext.js';

const SAFE: OutgoingMessage = {
  from: 'IntegratedLens <noreply@example.test>',
  to: ['ada@example.test'],
  subject: 'Order IL-001001 confirmed',
  html: '<p>Hello</p>',
  text: 'Hello',
};

const HOSTILE_HEADERS: [string, Partial<OutgoingMessage>][] = [
  ['a CR LF in the subject', { subject: 'Hi\r\nBcc: victim@example.test' }],
  ['a bare LF in the subject', { subject: 'Hi\nBcc: victim@example.test' }],
  ['a bare CR in the subject', { subject: 'Hi\rBcc: victim@example.test' }],
  ['a line separator in the subject', { subject: 'Hi\u2028there' }],
  ['a CR LF in an address', { to: ['ada@example.test\r\nBcc: x@evil.test'] }],
  ['two addresses in one entry', { to: ['ada@example.test, x@evil.test'] }],
  ['a LF in the sender name', { from: 'Lens\nBcc: x@evil.test <a@b.test>' }],
  ['no recipient', { to: [] }],
];

function repositoryWithoutDeliveries(recorded: unknown[]): EmailRepository {
  return {
    findDeliveredEmail: async () => undefined,
    recordEmail: async (entry: unknown) => {
      recorded.push(entry);
    },
  } as unknown as EmailRepository;
}

describe('assertHeaderSafeMessage', () => {
  it('lets a plain message through', () => {
    expect(() => assertHeaderSafeMessage(SAFE)).not.toThrow();
  });

  it.each(HOSTILE_HEADERS)('refuses %s for good', (_what, change) => {
    expect(() => assertHeaderSafeMessage({ ...SAFE, ...change })).toThrow(
      expect.objectContaining({ code: 'email_rejected', retryable: false }),
    );
  });
});

describe('deliverEmailOnce with hostile headers', () => {
  it.each(HOSTILE_HEADERS)(
    'never calls the provider for %s',
    async (_what, change) => {
      const transport = createRecordingTransport();
      const recorded: unknown[] = [];
      const { from = SAFE.from, ...content } = { ...SAFE, ...change };

      const delivery = deliverEmailOnce(
        {
          repository: repositoryWithoutDeliveries(recorded),
          transport,
          from,
        },
        'generic',
        createTestJobContext('generic'),
        async () => ({
          to: [...content.to],
          companyId: null,
          content: {
            subject: content.subject,
            html: content.html,
            text: content.text,
          },
        }),
      );

      await expect(delivery).rejects.toMatchObject({ retryable: false });
      expect(transport.sent).toEqual([]);
      expect(JSON.stringify(recorded)).toContain('"status":"failed"');
    },
  );
});

describe('genericEmailContentSchema', () => {
  const valid = {
    to: 'ada@example.test',
    subject: 'Hi',
    html: '<p>',
    text: null,
  };

  it.each([
    ['a CR LF in the subject', { subject: 'Hi\r\nBcc: x@evil.test' }],
    ['a LF in the address', { to: 'ada@example.test\nBcc: x@evil.test' }],
    ['two addresses', { to: 'ada@example.test,x@evil.test' }],
    ['a display name', { to: 'Ada <ada@example.test>' }],
    ['an unknown field', { bcc: 'x@evil.test' }],
  ])('refuses %s', (_what, change) => {
    expect(
      genericEmailContentSchema.safeParse({ ...valid, ...change }).success,
    ).toBe(false);
  });
});

describe('queueGenericEmail', () => {
  it('is called by no HTTP module: server code only, never an open relay', async () => {
    const serverDir = path.resolve('server');
    const files = await readdir(serverDir, { recursive: true });
    const httpModules: string[] = [];
    const callers: string[] = [];
    for (const file of files.filter((name) => name.endsWith('.ts'))) {
      const source = await readFile(path.join(serverDir, file), 'utf8');
      if (!/from 'express'/.test(source)) continue;
      httpModules.push(file);
      if (/queueGenericEmail|outgoingEmails/.test(source)) callers.push(file);
    }

    expect(httpModules.length).toBeGreaterThan(3);
    expect(callers).toEqual([]);
  });
});
