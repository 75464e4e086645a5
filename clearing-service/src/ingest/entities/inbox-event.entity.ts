import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EventStatus } from '@tanlian/sdk';

/**
 * An accepted behaviour event, stored before the operator gets its 2xx (MySQL is the source of
 * truth; the queue only carries wake-ups). Unique per (program, operator, event id). Only `status`
 * changes after that; what crediting decided is in `event_outcomes` (crediting module).
 */
@Entity('inbox_events')
export class InboxEvent {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ name: 'program_id', type: 'int', unsigned: true })
  programId: number;

  @Column({ name: 'operator_id', type: 'int', unsigned: true })
  operatorId: number;

  @Column({ name: 'event_id', length: 128 })
  eventId: string;

  @Column({ name: 'body_hash', type: 'binary', length: 32 })
  bodyHash: Buffer;

  @Column({ length: 32 })
  behaviour: string;

  @Column({ name: 'external_user', length: 128 })
  externalUser: string;

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'datetime', precision: 3 })
  endedAt: Date;

  @Column({ name: 'distance_m', type: 'int', unsigned: true, nullable: true })
  distanceM: number | null;

  @Column({ type: 'bigint', unsigned: true, nullable: true })
  units: string | null;

  @Column({ type: 'char', length: 6, nullable: true })
  district: string | null;

  @Column({ name: 'evidence_hash', type: 'binary', length: 32, nullable: true })
  evidenceHash: Buffer | null;

  @Column({ name: 'received_at', type: 'datetime', precision: 3 })
  receivedAt: Date;

  @Column({
    type: 'enum',
    enum: ['accepted', 'credited', 'capped', 'rejected', 'pending_binding', 'overlapping'],
  })
  status: EventStatus;
}
