import { getNextMillis } from 'bullmq';
import { describe, expect, it } from 'vitest';
import {
  buildPlatformSchedules,
  SCHEDULE_PATTERNS,
} from '../../server/scheduling/scheduleDefinitions.js';
import {
  periodStartOf,
  readFireTime,
  startOfLocalDay,
} from '../../server/scheduling/schedulePeriod.js';

const BERLIN = 'Europe/Berlin';
const COMPANY = '0b6f2c1e-8d4f-4a8e-9a53-1f6b0f3e2a11';
const briefing = {
  schedule: 'daily-briefing' as const,
  companyId: COMPANY,
  timeZone: BERLIN,
};

/** The ticks BullMQ's scheduler computes, one after the other. */
function nextTicks(fromIso: string, count: number, tz: string): string[] {
  const ticks: string[] = [];
  let millis = Date.parse(fromIso);
  for (let n = 0; n < count; n += 1) {
    millis = getNextMillis(millis, {
      pattern: SCHEDULE_PATTERNS.dailyBriefing,
      tz,
    })!;
    ticks.push(new Date(millis).toISOString());
  }
  return ticks;
}

describe('daily briefing schedule across daylight-saving changes', () => {
  it('fires at 07:00 Berlin time every day around the spring change', () => {
    // Clocks go forward on Sunday 29 March 2026, 02:00 -> 03:00.
    expect(nextTicks('2026-03-27T12:00:00Z', 4, BERLIN)).toEqual([
      '2026-03-28T06:00:00.000Z',
      '2026-03-29T05:00:00.000Z',
      '2026-03-30T05:00:00.000Z',
      '2026-03-31T05:00:00.000Z',
    ]);
  });

  it('fires at 07:00 Berlin time every day around the autumn change', () => {
    // Clocks go back on Sunday 25 October 2026, 03:00 -> 02:00.
    expect(nextTicks('2026-10-23T12:00:00Z', 4, BERLIN)).toEqual([
      '2026-10-24T05:00:00.000Z',
      '2026-10-25T06:00:00.000Z',
      '2026-10-26T06:00:00.000Z',
      '2026-10-27T06:00:00.000Z',
    ]);
  });

  it('gives each local day one period, whatever its length', () => {
    const ticks = [
      ...nextTicks('2026-03-27T12:00:00Z', 4, BERLIN),
      ...nextTicks('2026-10-23T12:00:00Z', 4, BERLIN),
    ];
    const periods = ticks.map((tick) =>
      periodStartOf(briefing, new Date(tick)).toISOString(),
    );
    expect(new Set(periods).size).toBe(ticks.length);
    expect(periods.slice(0, 3)).toEqual([
      '2026-03-27T23:00:00.000Z',
      '2026-03-28T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
  });

  it('puts a tick an hour off (old offset) in the same period as the right one', () => {
    const right = new Date('2026-03-29T05:00:00Z');
    const stale = new Date('2026-03-29T06:00:00Z');
    expect(periodStartOf(briefing, stale)).toEqual(
      periodStartOf(briefing, right),
    );
  });

  it('finds local midnight on both change days', () => {
    expect(startOfLocalDay('2026-03-29', BERLIN).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(startOfLocalDay('2026-10-25', BERLIN).toISOString()).toBe(
      '2026-10-24T22:00:00.000Z',
    );
    expect(startOfLocalDay('2026-10-26', BERLIN).toISOString()).toBe(
      '2026-10-25T23:00:00.000Z',
    );
  });
});

describe('periodStartOf', () => {
  it('uses the UTC hour for the sweep and the UTC day for the forecast', () => {
    const firedAt = new Date('2026-10-25T01:15:00Z');
    expect(
      periodStartOf({ schedule: 'retention-sweep' }, firedAt).toISOString(),
    ).toBe('2026-10-25T01:00:00.000Z');
    expect(
      periodStartOf({ schedule: 'demand-forecast' }, firedAt).toISOString(),
    ).toBe('2026-10-25T00:00:00.000Z');
  });
});

describe('readFireTime', () => {
  it('reads the tick from a scheduler job id, and nothing from others', () => {
    const id = `repeat:daily-briefing:${COMPANY}:1774760400000`;
    expect(readFireTime(id)?.toISOString()).toBe('2026-03-29T05:00:00.000Z');
    expect(
      readFireTime('3f1c0e4e-2a51-4bb8-9d8e-2f0f8f6d1c11'),
    ).toBeUndefined();
  });
});

describe('buildPlatformSchedules', () => {
  it('gives every company a briefing in its zone, and an unknown zone UTC', () => {
    const schedules = buildPlatformSchedules([
      { id: COMPANY, timeZone: BERLIN },
      { id: '7d1f0c55-3b0e-4d6a-8f7e-5e2b9c4a1d22', timeZone: 'Mars/Olympus' },
    ]);
    expect(schedules.map((s) => [s.id, s.timeZone])).toEqual([
      [`daily-briefing:${COMPANY}`, BERLIN],
      ['daily-briefing:7d1f0c55-3b0e-4d6a-8f7e-5e2b9c4a1d22', 'UTC'],
      ['demand-forecast', 'UTC'],
      ['retention-sweep', 'UTC'],
    ]);
  });
});
