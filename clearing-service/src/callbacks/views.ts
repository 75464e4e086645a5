import type { CallbackDeliveryStatus, CallbackDeliveryView, CallbackView } from '@tanlian/sdk';
import type { ParticipantCallback } from './entities/participant-callback.entity';

// Rows and entities → the public contract of @tanlian/sdk. Internal ids never leave the service.

export function callbackView(c: ParticipantCallback, now = new Date()): CallbackView {
  const previousLive = c.previousValidUntil && c.previousValidUntil > now;
  return {
    url: c.url,
    active: c.disabledAt === null,
    disabledAt: c.disabledAt?.toISOString() ?? null,
    disabledReason: c.disabledReason,
    secretCreatedAt: c.secretCreatedAt.toISOString(),
    previousSecretValidUntil: previousLive ? c.previousValidUntil!.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export interface DeliveryRow {
  id: string;
  type: string;
  status: CallbackDeliveryStatus;
  attempts: number;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  finished_at: Date | null;
}

export function deliveryView(d: DeliveryRow, eventIds: string[]): CallbackDeliveryView {
  return {
    id: d.id,
    type: d.type,
    status: d.status,
    eventIds,
    attempts: d.attempts,
    lastAttemptAt: d.last_attempt_at?.toISOString() ?? null,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    nextAttemptAt: d.status === 'pending' ? (d.next_attempt_at?.toISOString() ?? null) : null,
    createdAt: d.created_at.toISOString(),
    finishedAt: d.finished_at?.toISOString() ?? null,
  };
}
