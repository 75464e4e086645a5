import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { placeholders } from '../../database/sql';
import { ShortLivedCache } from '../../cache/short-lived-cache';
import type { PublishedMethodology } from '../../methodology/calculation';
import { MethodologyStore } from '../../methodology/services/methodology-store';
import { lockResidents, ResidentsStore } from '../../residents/services/residents-store';
import { operatorsOf } from '../../tenancy/services/participants-store';
import { programTerms } from '../../tenancy/services/programs-store';
import { chinaMonth, DAY_MS } from '../../time/china-time';
import { CapCounter, CapUsage } from '../cap-counter';
import { claimAccepted, type InboxRow } from '../../ingest/services/inbox-status-store';
import { planCredits } from '../crediting-plan';
import { PointConversion } from '../point-conversion';
import { TripOverlaps } from '../trip-overlaps';
import { CreditingWriter, ProgramFacts } from './crediting-writer';

export const DEFAULT_BATCH_SIZE = 500;
const SEVEN_DAYS_MS = 7 * 24 * 3600_000;

/** What one batch did: rows it claimed, and of those, rows it left for a later batch. */
export interface BatchOutcome {
  claimed: number;
  deferred: number;
}

/**
 * Credits a program's accepted events in batches, each batch ONE database transaction: reductions,
 * ledger transactions, event statuses and audit leaves commit together or not at all. Several
 * batches of a program may run at once (ProgramDrain's lanes): rows are claimed with FOR UPDATE
 * SKIP LOCKED, and a batch locks the residents it credits (SKIP LOCKED again), leaving the events
 * of residents another batch holds for a later one; so caps, remainders, overlaps and lots are
 * exact per resident. What every batch shares is written last (CreditingWriter): the operators'
 * mints and the audit-log head, so leaves stay gap-free and in commit order. At-least-once
 * delivery of wake-ups is harmless: claimed rows leave `accepted` in the same transaction.
 */
@Injectable()
export class CreditingBatch {
  // Publications are rare; reading them once a second instead of once a batch saves a query per batch.
  private readonly methodologies = new ShortLivedCache<PublishedMethodology[]>(1000);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyStore,
    private readonly residents: ResidentsStore,
    private readonly writer: CreditingWriter,
  ) {}

  /** Credits up to `limit` waiting events (claimed: 0 = nothing waiting). */
  run(programId: number, limit = DEFAULT_BATCH_SIZE): Promise<BatchOutcome> {
    return this.dataSource.transaction('READ COMMITTED', async (db) => {
      const claimed = await claimAccepted(db, programId, limit);
      if (claimed.length === 0) return { claimed: 0, deferred: 0 };
      const now = new Date();
      const program = await programFacts(db, programId);
      const published = await this.methodologies.get(String(programId), () =>
        this.catalog.published(programId),
      );
      const residentOf = await this.residentsOf(programId, claimed);
      const held = await lockResidents(db, claimed.map(residentOf));
      // An unbound event needs no resident's state; a bound one waits if another batch has its resident.
      const rows = claimed.filter((r) => {
        const resident = residentOf(r);
        return resident === null || held.has(resident);
      });
      const residentIds = [...held];
      const metered = baselineBehaviours(published);
      const caps = new CapCounter(await capUsage(db, residentIds));
      const decisions = planCredits(rows, {
        published,
        residentOf,
        bindingWindowHours: program.bindingWindowHours,
        trailing7DayAvgWh: await trailingUse(db, rows, residentOf, metered),
        caps,
        trips: new TripOverlaps(await creditedTrips(db, residentIds, rows)),
        now,
      });
      const points = new PointConversion(
        program.gramsPerPoint * 1000,
        await remainders(db, residentIds),
      );
      await this.writer.write(db, { program, decisions, points, caps, metered, now });
      return { claimed: claimed.length, deferred: claimed.length - rows.length };
    });
  }

  private async residentsOf(
    programId: number,
    rows: InboxRow[],
  ): Promise<(row: InboxRow) => number | null> {
    const byOperator = new Map<number, Set<string>>();
    for (const r of rows)
      byOperator.set(r.operatorId, (byOperator.get(r.operatorId) ?? new Set()).add(r.externalUser));
    const found = await this.residents.residentsFor(programId, byOperator);
    return (row) => found.get(`${row.operatorId}|${row.externalUser}`) ?? null;
  }
}

async function programFacts(db: EntityManager, programId: number): Promise<ProgramFacts> {
  const terms = await programTerms(db, programId);
  return { id: programId, ...terms, operators: await operatorsOf(db, programId) };
}

async function capUsage(db: EntityManager, residentIds: number[]): Promise<[string, CapUsage][]> {
  if (residentIds.length === 0) return [];
  const rows: {
    resident_id: number;
    behaviour: string;
    period: string;
    used_mg: string;
    used_events: number;
  }[] = await db.query(
    `SELECT resident_id, behaviour, period, used_mg, used_events FROM cap_usage
      WHERE resident_id IN (${placeholders(residentIds)}) AND period >= ?`,
    [...residentIds, lastMonthPrefix()],
  );
  return rows.map((r) => [
    CapCounter.key(r.resident_id, r.behaviour, r.period),
    { usedMg: Number(r.used_mg), usedEvents: r.used_events },
  ]);
}

async function remainders(db: EntityManager, residentIds: number[]): Promise<[string, number][]> {
  if (residentIds.length === 0) return [];
  const rows: { resident_id: number; issuer_id: number; remainder_mg: string }[] = await db.query(
    `SELECT resident_id, issuer_id, remainder_mg FROM point_remainders WHERE resident_id IN (${placeholders(residentIds)})`,
    residentIds,
  );
  return rows.map((r) => [PointConversion.key(r.resident_id, r.issuer_id), Number(r.remainder_mg)]);
}

async function creditedTrips(db: EntityManager, residentIds: number[], rows: InboxRow[]) {
  if (residentIds.length === 0) return [];
  const from = new Date(Math.min(...rows.map((r) => r.startedAt.getTime())));
  const to = new Date(Math.max(...rows.map((r) => r.endedAt.getTime())));
  const trips: { inbox_event_id: string; resident_id: number; started_at: Date; ended_at: Date }[] =
    await db.query(
      `SELECT inbox_event_id, resident_id, started_at, ended_at FROM reductions
      WHERE resident_id IN (${placeholders(residentIds)}) AND is_trip = TRUE AND ended_at > ? AND started_at < ?`,
      [...residentIds, from, to],
    );
  return trips.map((t) => ({
    inboxEventId: Number(t.inbox_event_id),
    residentId: t.resident_id,
    startedAt: t.started_at,
    endedAt: t.ended_at,
  }));
}

/** Behaviours whose methodology compares with the resident's own recent use (baseline_diff). */
function baselineBehaviours(published: PublishedMethodology[]): Set<string> {
  return new Set(published.filter((m) => m.model === 'baseline_diff').map((m) => m.behaviour));
}

/** baseline_diff needs each resident's average daily use over the 7 days before the event. */
async function trailingUse(
  db: EntityManager,
  rows: InboxRow[],
  residentOf: (row: InboxRow) => number | null,
  behaviours: Set<string>,
): Promise<(residentId: number, row: InboxRow) => number | null> {
  const metered = rows.filter((r) => behaviours.has(r.behaviour) && residentOf(r) !== null);
  if (metered.length === 0) return () => null;
  const residentIds = [...new Set(metered.map((r) => residentOf(r) as number))];
  const from = new Date(Math.min(...metered.map((r) => r.startedAt.getTime())) - SEVEN_DAYS_MS);
  const history: { resident_id: number; behaviour: string; started_at: Date; units: string }[] =
    await db.query(
      `SELECT resident_id, behaviour, started_at, units FROM metered_use
      WHERE resident_id IN (${placeholders(residentIds)}) AND behaviour IN (${placeholders([...behaviours])})
        AND started_at >= ?`,
      [...residentIds, ...behaviours, from],
    );
  return (residentId, row) => {
    const window = history.filter(
      (h) =>
        h.resident_id === residentId &&
        h.behaviour === row.behaviour &&
        h.started_at.getTime() < row.startedAt.getTime() &&
        h.started_at.getTime() >= row.startedAt.getTime() - SEVEN_DAYS_MS,
    );
    if (window.length === 0) return null;
    return Math.floor(window.reduce((sum, h) => sum + Number(h.units), 0) / window.length);
  };
}

/** Cap rows older than last month can no longer matter (periods are China days and months). */
function lastMonthPrefix(): string {
  return chinaMonth(Date.now() - 40 * DAY_MS);
}
