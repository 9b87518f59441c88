import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import PostalMime from 'postal-mime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../server/email/emailTransport.js';
import { createMailboxTransport } from '../../server/email/transports/mailboxTransport.js';

const MESSAGE: OutgoingMessage = {
  from: 'IntegratedLens <noreply@integratedlens.test>',
  to: ['ada@example.test', 'bob@example.test'],
  subject: 'Order 1001 confirmed',
  html: '<p>Hello Ada, order <strong>1001</strong> = ready</p>',
  text: `Hello Ada,\nOrder 1001 is ready.\n${'long line '.repeat(20)}`,
};
const FIXED_NOW = new Date('2025-07-01T09:30:00Z');

describe('createMailboxTransport', () => {
  let directory: string;
  let logLines: string[];
  let transport: ReturnType<typeof createMailboxTransport>;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(os.tmpdir(), 'il-mailbox-'));
    logLines = [];
    const logger = pino(
      { level: 'info' },
      { write: (line) => logLines.push(line) },
    );
    transport = createMailboxTransport({
      directory: path.join(directory, 'emails'),
      logger,
      now: () => FIXED_NOW,
    });
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  async function sendAndParse(message: OutgoingMessage, key = 'job:1') {
    const result = await transport.send(message, { idempotencyKey: key });
    const files = await readdir(path.join(directory, 'emails'));
    const raw = await readFile(path.join(directory, 'emails', files[0]!));
    return { result, files, raw, parsed: await PostalMime.parse(raw) };
  }

  it('writes an .eml file with headers and both parts when it sends', async () => {
    const { result, files, parsed } = await sendAndParse(MESSAGE);

    expect(files).toEqual([expect.stringMatching(/^[0-9a-f]{32}\.eml$/)]);
    expect(parsed.from).toMatchObject({
      name: 'IntegratedLens',
      address: 'noreply@integratedlens.test',
    });
    expect(parsed.to?.map((to) => to.address)).toEqual(MESSAGE.to);
    expect(parsed.subject).toBe(MESSAGE.subject);
    expect(new Date(parsed.date ?? '').toISOString()).toBe(
      FIXED_NOW.toISOString(),
    );
    expect(parsed.messageId).toBe(`<${result.messageId}>`);
    expect(parsed.text?.trimEnd()).toBe(MESSAGE.text.trimEnd());
    expect(parsed.html?.trimEnd()).toBe(MESSAGE.html);
    expect(result.transport).toBe('mailbox');
  });

  it('keeps lines within 78 characters when a text line is long', async () => {
    const { raw } = await sendAndParse(MESSAGE);
    const text = raw.toString('utf8');

    expect(text).toMatch(/^MIME-Version: 1\.0\r$/m);
    expect(text).toMatch(/^Content-Type: multipart\/alternative; boundary=/m);
    expect(text.split('\r\n').every((line) => line.length <= 78)).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
  });

  it('encodes the subject and names when they are not ASCII', async () => {
    const { raw, parsed } = await sendAndParse({
      ...MESSAGE,
      from: 'Optik Müller <info@optik.test>',
      subject: 'Bestellung 1001 bestätigt – Größe ✓',
      text: 'Grüße',
    });

    expect(parsed.subject).toBe('Bestellung 1001 bestätigt – Größe ✓');
    expect(parsed.from?.name).toBe('Optik Müller');
    expect(parsed.text?.trimEnd()).toBe('Grüße');
    expect(raw.every((byte) => byte < 0x80)).toBe(true);
  });

  it('rewrites the same file when a retry reuses the key', async () => {
    await transport.send(MESSAGE, { idempotencyKey: 'job:1' });
    await transport.send(MESSAGE, { idempotencyKey: 'job:1' });
    await transport.send(MESSAGE, { idempotencyKey: 'job:2' });

    const files = await readdir(path.join(directory, 'emails'));
    expect(files.filter((file) => file.endsWith('.eml'))).toHaveLength(2);
    expect(files.every((file) => file.endsWith('.eml'))).toBe(true);
  });

  it('logs email.captured without any address when it writes', async () => {
    await sendAndParse(MESSAGE);

    const entries = logLines.map((line) => JSON.parse(line));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ msg: 'email.captured' });
    expect(entries[0].fileName).toMatch(/\.eml$/);
    expect(logLines.join('')).not.toContain('@example.test');
  });
});
