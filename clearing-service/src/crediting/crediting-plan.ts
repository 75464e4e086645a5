import type { InboxRow } from '../ingest/services/inbox-status-store';
import {
  calculateReduction,
  checkPlausibility,
  labelOf,
  pickInForce,
  type PublishedMethodology,
} from '../methodology/calculation';
import type { CapCounter } from './cap-counter';
import type { TripOverlaps } from './trip-overlaps';

/** One accepted inbox event as the worker reads it. */

export type Decision =
  | {
      kind: 'credit';
      row: InboxRow;
      residentId: number;
      methodology: PublishedMethodology;
      calculatedMg: number;
      reductionMg: number;
      formula: string;
      note: string | null;
      isTrip: boolean;
    }
  /** Decided for good without a credit: capped, rejected or overlapping. */
  | {
      kind: 'no_credit';
      row: InboxRow;
      status: 'capped' | 'rejected' | 'overlapping';
      reason: string;
      residentId: number | null;
      overlapsEventId: number | null;
    }
  /** Not bound to a resident yet: stays in the inbox (or is rejected when its window has passed). */
  | { kind: 'wait'; row: InboxRow; expired: boolean };

export interface PlanInputs {
  published: PublishedMethodology[];
  residentOf: (row: InboxRow) => number | null;
  bindingWindowHours: number;
  trailing7DayAvgWh: (residentId: number, row: InboxRow) => number | null;
  caps: CapCounter;
  trips: TripOverlaps;
  now: Date;
}

// Trips are what two operators can both report (a ride, a journey); steps and meter readings are not.
const TRIP_MODELS = new Set(['per_distance', 'per_event']);

/**
 * Decides, in arrival order, what each event earns: the methodology in force at its start, the
 * resident it belongs to, plausibility, overlap with credited trips, then the caps. Pure apart
 * from the counters it is handed, which it advances.
 */
export function planCredits(rows: InboxRow[], inputs: PlanInputs): Decision[] {
  return rows.map((row) => decide(row, inputs));
}

function decide(row: InboxRow, p: PlanInputs): Decision {
  const residentId = p.residentOf(row);
  if (residentId === null) {
    const deadline = row.receivedAt.getTime() + p.bindingWindowHours * 3600_000;
    return { kind: 'wait', row, expired: p.now.getTime() > deadline };
  }
  const noCredit = (
    status: 'capped' | 'rejected' | 'overlapping',
    reason: string,
    overlapsEventId: number | null = null,
  ): Decision => ({
    kind: 'no_credit',
    row,
    status,
    reason,
    residentId,
    overlapsEventId,
  });
  const m = pickInForce(p.published, row.behaviour, row.startedAt);
  if (!m)
    return noCredit(
      'rejected',
      `no_methodology: none in force for ${row.behaviour} at ${row.startedAt.toISOString()}`,
    );
  const activity = {
    distanceM: row.distanceM ?? undefined,
    units: row.units ?? undefined,
    durationS: Math.round((row.endedAt.getTime() - row.startedAt.getTime()) / 1000),
  };
  const plausible = checkPlausibility(m, activity);
  if (!plausible.ok) return noCredit('rejected', `${plausible.reason}: ${plausible.message}`);

  const isTrip = TRIP_MODELS.has(m.model);
  if (isTrip) {
    const other = p.trips.find({ residentId, startedAt: row.startedAt, endedAt: row.endedAt });
    if (other)
      return noCredit(
        'overlapping',
        `overlaps ${other.inboxEventId} (same trip, already credited)`,
        other.inboxEventId,
      );
  }
  let calculation;
  try {
    calculation = calculateReduction(m, activity, {
      trailing7DayAvgWh: p.trailing7DayAvgWh(residentId, row),
    });
  } catch (err) {
    return noCredit('rejected', `missing_quantity: ${(err as Error).message} (${labelOf(m)})`);
  }
  const cap = p.caps.take(residentId, m, row.startedAt, calculation.reductionMg);
  if (cap.allowedMg === 0 && calculation.reductionMg > 0)
    return noCredit('capped', cap.note ?? 'cap reached');
  if (isTrip)
    p.trips.add({
      inboxEventId: row.id,
      residentId,
      startedAt: row.startedAt,
      endedAt: row.endedAt,
    });
  return {
    kind: 'credit',
    row,
    residentId,
    methodology: m,
    calculatedMg: calculation.reductionMg,
    reductionMg: cap.allowedMg,
    formula: cap.note
      ? `${calculation.formula}; ${cap.note} → ${cap.allowedMg} mg`
      : calculation.formula,
    note: cap.note,
    isTrip,
  };
}
