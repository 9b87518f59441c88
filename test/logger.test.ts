import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../server/logger.js';

function captureLines() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    lines,
    logger: createLogger({ level: 'info', pretty: false, destination }),
  };
}

describe('createLogger', () => {
  it('withholds a failed query’s statement and parameters', () => {
    const { lines, logger } = captureLines();
    const cause = Object.assign(new Error('invalid input syntax'), {
      code: '22P02',
      detail: 'Key (notes)=(Maja Lindqvist) is bad',
    });
    const error = new Error(
      'Failed query: insert into examinations (notes) values ($1)\nparams: Maja Lindqvist',
      { cause },
    );

    logger.error({ err: error }, 'request.failed');

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('Maja');
    const entry = JSON.parse(lines[0]!);
    expect(entry.err.message).toMatch(/withheld/);
    expect(entry.err.databaseCode).toBe('22P02');
  });

  it('keeps an ordinary error’s message and stack', () => {
    const { lines, logger } = captureLines();

    logger.warn({ err: new Error('connect ECONNREFUSED') }, 'queue.redis.down');

    const entry = JSON.parse(lines[0]!);
    expect(entry.err.message).toBe('connect ECONNREFUSED');
    expect(entry.err.stack).toContain('Error: connect ECONNREFUSED');
  });

  it('logs a plain string given as the error unchanged', () => {
    const { lines, logger } = captureLines();

    logger.warn({ err: 'connect ECONNREFUSED' }, 'queue.redis.down');

    expect(JSON.parse(lines[0]!).err).toBe('connect ECONNREFUSED');
  });
});
