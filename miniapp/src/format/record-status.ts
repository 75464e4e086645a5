// A record's status and its reason in plain words: what happened, and what to do when there is
// something to do (pending_binding: bind the account).
import { fill, t } from '../locales';

export type RecordStatus =
  'accepted' | 'credited' | 'capped' | 'rejected' | 'pending_binding' | 'overlapping';

export function statusLabel(status: RecordStatus): string {
  return t().records.status[status];
}

export function statusReason(
  status: RecordStatus,
  reason: string | null,
  pointsStatus: 'credited' | 'unfunded' | 'none' | null,
): string | null {
  const r = t().records.reason;
  switch (status) {
    case 'capped':
      return fill(r.capped, { reason: reason ?? '' });
    case 'overlapping':
      return fill(r.overlapping, { reason: reason ?? '' });
    case 'rejected':
      return fill(r.rejected, { reason: reason ?? '' });
    case 'pending_binding':
      return r.pending_binding;
    case 'credited':
      return pointsStatus === 'unfunded' ? r.unfunded : reason;
    default:
      return reason;
  }
}
