import {
  cycleDates,
  isTimeZone,
  localDateOf,
  nextCutoff,
} from '../../src/clearing/calendar/cycle-calendar';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('the clearing cycle calendar', () => {
  const daily = { settlementCycle: 'daily', timeZone: 'Asia/Shanghai', cutoffMinutes: 0 } as const;

  it('closes a daily cycle at the next local midnight of the program (China: 16:00 UTC)', () => {
    expect(iso(nextCutoff(daily, at('2026-12-02T10:00:00Z')))).toBe('2026-12-02T16:00:00.000Z');
    // Exactly at a cut-off, the next one: a cycle never closes twice at one instant.
    expect(iso(nextCutoff(daily, at('2026-12-02T16:00:00Z')))).toBe('2026-12-03T16:00:00.000Z');
    expect(iso(nextCutoff(daily, at('2026-12-02T15:59:59.999Z')))).toBe('2026-12-02T16:00:00.000Z');
  });

  it('puts the cut-off at its local time of day', () => {
    const at0530 = { ...daily, cutoffMinutes: 5 * 60 + 30 };
    expect(iso(nextCutoff(at0530, at('2026-12-02T10:00:00Z')))).toBe('2026-12-02T21:30:00.000Z');
  });

  it('closes weekly cycles on Mondays and monthly ones on the 1st', () => {
    const weekly = { ...daily, settlementCycle: 'weekly' } as const;
    // 2026-12-02 is a Wednesday; the next local Monday is 2026-12-07.
    expect(iso(nextCutoff(weekly, at('2026-12-02T10:00:00Z')))).toBe('2026-12-06T16:00:00.000Z');
    const monthly = { ...daily, settlementCycle: 'monthly' } as const;
    expect(iso(nextCutoff(monthly, at('2026-12-02T10:00:00Z')))).toBe('2026-12-31T16:00:00.000Z');
    expect(iso(nextCutoff(monthly, at('2026-12-31T16:00:00Z')))).toBe('2027-01-31T16:00:00.000Z');
  });

  it('follows a zone with daylight saving across its change', () => {
    const berlin = { ...daily, timeZone: 'Europe/Berlin' };
    // Summer time ends on 2026-10-25: midnight is 22:00 UTC before, 23:00 UTC after.
    expect(iso(nextCutoff(berlin, at('2026-10-24T12:00:00Z')))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(nextCutoff(berlin, at('2026-10-25T12:00:00Z')))).toBe('2026-10-25T23:00:00.000Z');
  });

  it('dates a cycle by the local day it ends on, and values it the day after (T+1)', () => {
    const cutoff = at('2026-12-02T16:00:00Z'); // 2026-12-03 00:00 in Shanghai
    expect(cycleDates(daily, cutoff + 50, cutoff)).toEqual({
      tradeDate: '2026-12-02',
      valueDate: '2026-12-03',
    });
    // Closed early (an admin's close now), at 10:00 China time on the 2nd.
    expect(cycleDates(daily, at('2026-12-02T02:00:00Z'), cutoff).tradeDate).toBe('2026-12-02');
  });

  it('knows the IANA zones and refuses anything else', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(localDateOf('Asia/Shanghai', at('2026-12-02T16:30:00Z'))).toEqual({
      year: 2026,
      month: 12,
      day: 3,
    });
  });
});
