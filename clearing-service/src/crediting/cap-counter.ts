import type { PublishedMethodology } from '../methodology/calculation';
import { chinaDay, chinaMonth } from '../time/china-time';

export interface CapUsage {
  usedMg: number;
  usedEvents: number;
}

export type CapOutcome = { allowedMg: number; note: string | null };

/**
 * Applies a methodology's per-day and per-month caps to one resident's behaviour, in arrival order.
 * Holds the usage it read and what this batch added; the caller persists `changed()`.
 * Caps count per behaviour (not per version), so a new version mid-day does not reset them. Usage
 * is recorded only for the periods the crediting version caps (most behaviours have no cap, none
 * here a monthly one): a cap that a later version introduces counts from its first event on.
 */
export class CapCounter {
  private readonly usage = new Map<string, CapUsage>();
  private readonly touched = new Set<string>();

  constructor(initial: Iterable<[string, CapUsage]>) {
    for (const [k, v] of initial) this.usage.set(k, { ...v });
  }

  static key(residentId: number, behaviour: string, period: string): string {
    return `${residentId}|${behaviour}|${period}`;
  }

  static keysFor(residentId: number, behaviour: string, at: Date): [string, string] {
    return [
      CapCounter.key(residentId, behaviour, chinaDay(at)),
      CapCounter.key(residentId, behaviour, chinaMonth(at)),
    ];
  }

  /** How much of `reductionMg` the caps still allow, and records it as used. */
  take(residentId: number, m: PublishedMethodology, at: Date, reductionMg: number): CapOutcome {
    const caps = m.definition.caps ?? {};
    const [dayKey, monthKey] = CapCounter.keysFor(residentId, m.behaviour, at);
    const day = this.get(dayKey);
    const month = this.get(monthKey);
    if (caps.perDayEvents !== undefined && day.usedEvents >= caps.perDayEvents) {
      return {
        allowedMg: 0,
        note: `daily limit of ${caps.perDayEvents} ${m.behaviour} events reached`,
      };
    }
    if (caps.perMonthEvents !== undefined && month.usedEvents >= caps.perMonthEvents) {
      return {
        allowedMg: 0,
        note: `monthly limit of ${caps.perMonthEvents} ${m.behaviour} events reached`,
      };
    }
    let allowed = reductionMg;
    let note: string | null = null;
    if (caps.perDayMg !== undefined && day.usedMg + allowed > caps.perDayMg) {
      allowed = Math.max(0, caps.perDayMg - day.usedMg);
      note = `daily cap of ${caps.perDayMg} mg for ${m.behaviour}`;
    }
    if (caps.perMonthMg !== undefined && month.usedMg + allowed > caps.perMonthMg) {
      allowed = Math.max(0, caps.perMonthMg - month.usedMg);
      note = `monthly cap of ${caps.perMonthMg} mg for ${m.behaviour}`;
    }
    if (allowed === 0 && reductionMg > 0) return { allowedMg: 0, note: `${note} reached` };
    const capsDay = caps.perDayEvents !== undefined || caps.perDayMg !== undefined;
    const capsMonth = caps.perMonthEvents !== undefined || caps.perMonthMg !== undefined;
    for (const [key, u, capped] of [
      [dayKey, day, capsDay],
      [monthKey, month, capsMonth],
    ] as const) {
      if (!capped) continue;
      u.usedMg += allowed;
      u.usedEvents += 1;
      this.touched.add(key);
    }
    return { allowedMg: allowed, note: note && `${note} applied` };
  }

  /** Rows to write back: resident, behaviour, period, usage. */
  changed(): { residentId: number; behaviour: string; period: string; usage: CapUsage }[] {
    return [...this.touched].map((key) => {
      const [residentId, behaviour, period] = key.split('|');
      return { residentId: Number(residentId), behaviour, period, usage: this.usage.get(key)! };
    });
  }

  private get(key: string): CapUsage {
    let u = this.usage.get(key);
    if (!u) {
      u = { usedMg: 0, usedEvents: 0 };
      this.usage.set(key, u);
    }
    return u;
  }
}
