import type { CallbackDeliveryStatus } from '@tanlian/sdk';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One callback POST to one participant, written in the transaction of what it reports: the outbox.
 * `events.decided`: the results of the events one crediting batch decided for an operator
 * (callback_delivery_events lists them). A participant event (`redemption.captured`, …): its body,
 * stored whole.
 */
@Entity('callback_deliveries')
export class CallbackDelivery {
  /** `cbd_<16 hex>`, sent as webhook-id on every attempt. */
  @PrimaryColumn({ length: 32 })
  id: string;

  @Column({ name: 'program_id', type: 'int', unsigned: true })
  programId: number;

  @Column({ name: 'participant_id', type: 'int', unsigned: true })
  participantId: number;

  /** `events.decided`, or a participant event's type (ParticipantEventType). */
  @Column({ type: 'varchar', length: 40 })
  type: string;

  /** A participant event's body, exactly as every attempt sends it; null for events.decided. */
  @Column({ type: 'mediumtext', nullable: true })
  payload: string | null;

  @Column({ type: 'enum', enum: ['pending', 'delivered', 'failed', 'cancelled'] })
  status: CallbackDeliveryStatus;

  @Column({ type: 'int', unsigned: true })
  attempts: number;

  /** Pending: when it is due; while an attempt is in flight, when that attempt's lease runs out. */
  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3, nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'last_attempt_at', type: 'datetime', precision: 3, nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'last_status_code', type: 'smallint', unsigned: true, nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 255, nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}
