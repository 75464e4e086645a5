import type { BehaviourEvent } from '@tanlian/sdk';

/** An accepted event as one `inbox_events` row: the intake writes these, and so do the benchmarks. */
export const INBOX_COLUMNS = [
  'program_id',
  'operator_id',
  'event_id',
  'body_hash',
  'behaviour',
  'external_user',
  'started_at',
  'ended_at',
  'distance_m',
  'units',
  'district',
  'evidence_hash',
  'received_at',
  'status',
];

/** Values in INBOX_COLUMNS order. */
export function inboxRow(
  programId: number,
  operatorId: number,
  e: BehaviourEvent,
  hash: Buffer,
  now: Date,
): unknown[] {
  return [
    programId,
    operatorId,
    e.id,
    hash,
    e.behaviour,
    e.user,
    new Date(e.startedAt),
    new Date(e.endedAt),
    e.activity.distanceM ?? null,
    e.activity.units ?? null,
    e.district ?? null,
    e.evidenceHash ? Buffer.from(e.evidenceHash, 'hex') : null,
    now,
    'accepted',
  ];
}
