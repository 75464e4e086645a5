import type { DecidedEvent } from '../callbacks/services/callback-outbox-writer';
import type { Decision } from './crediting-plan';

/**
 * The events a batch decided for good, as callbacks takes them: credited, capped, rejected,
 * overlapping, and waiting events whose binding window ran out (rejected). pending_binding is not
 * final, so it is not called back: a retried pending_binding call arriving after the final one
 * would set the operator back.
 */
export function decidedEvents(decisions: Decision[]): DecidedEvent[] {
  return decisions.flatMap((d) =>
    d.kind !== 'wait' || d.expired ? [{ operatorId: d.row.operatorId, inboxId: d.row.id }] : [],
  );
}
