import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An operator's one-time word that whoever redeems it is its user `externalUserId`. Token
 * `bt_<id>.<secret>`, SHA-256 of the secret kept; 15 minutes; used once (used_at set atomically).
 */
@Entity('binding_tokens')
@Index(['participantId'])
export class BindingToken {
  /** Public half of the token, e.g. `bt_3f9c0a1b2c3d4e5f`. */
  @PrimaryColumn({ length: 32 })
  id: string;

  @Column({ name: 'program_id', type: 'int', unsigned: true })
  programId: number;

  /** The operator that issued it. */
  @Column({ name: 'participant_id', type: 'int', unsigned: true })
  participantId: number;

  @Column({ name: 'external_user_id', length: 128, charset: 'ascii', collation: 'ascii_bin' })
  externalUserId: string;

  @Column({ name: 'secret_hash', type: 'binary', length: 32, select: false })
  secretHash: Buffer;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', precision: 3, nullable: true })
  usedAt: Date | null;
}
