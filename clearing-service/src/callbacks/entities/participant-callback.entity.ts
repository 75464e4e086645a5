import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A participant's callback: where Tanlian POSTs what concerns it (an operator: its events' final
 * results; a merchant: its redemptions' events), and the whsec_ secret it signs them with (sealed with AES-256-GCM under TANLIAN_SECRETS_KEY, like webhook secrets).
 */
@Entity('participant_callbacks')
export class ParticipantCallback {
  @PrimaryColumn({ name: 'participant_id', type: 'int', unsigned: true })
  participantId: number;

  @Column({ name: 'program_id', type: 'int', unsigned: true })
  programId: number;

  @Column({ length: 2048 })
  url: string;

  @Column({ name: 'sealed_secret', type: 'varbinary', length: 255, select: false })
  sealedSecret: Buffer;

  @Column({ name: 'secret_created_at', type: 'datetime', precision: 3 })
  secretCreatedAt: Date;

  /** After a rotation: the old secret, which still signs (alongside the new) until previousValidUntil. */
  @Column({
    name: 'previous_sealed_secret',
    type: 'varbinary',
    length: 255,
    nullable: true,
    select: false,
  })
  previousSealedSecret: Buffer | null;

  @Column({ name: 'previous_valid_until', type: 'datetime', precision: 3, nullable: true })
  previousValidUntil: Date | null;

  /** Set when stopped through the API or when the receiver answered 410 Gone; PUT clears it. */
  @Column({ name: 'disabled_at', type: 'datetime', precision: 3, nullable: true })
  disabledAt: Date | null;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 255, nullable: true })
  disabledReason: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
