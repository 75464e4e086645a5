import type { InvariantCheck } from '../database/invariant-check';

// An accepted event may wait for the worker this long before it counts as lost (invariant 8).
export const MAX_UNPROCESSED_AGE_SECONDS = 120;

/** The invariants of docs/domain.md that the inbox keeps. */
export const INGEST_INVARIANTS: InvariantCheck[] = [
  {
    invariant: '8 every accepted event processed',
    description: `an event accepted more than ${MAX_UNPROCESSED_AGE_SECONDS} s ago and still not processed`,
    sql: `SELECT id AS inbox_event_id, program_id, received_at FROM inbox_events
           WHERE program_id IN (:program_ids) AND status = 'accepted'
             AND received_at < NOW(3) - INTERVAL ${MAX_UNPROCESSED_AGE_SECONDS} SECOND LIMIT 5`,
  },
];
