import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A credential for the REST API. The secret half is shown once at creation; only its SHA-256 is kept
 * (the secret is 256 random bits, so a fast hash is enough). Several keys live at once for rotation.
 */
@Entity('api_keys')
@Index(['participantId'])
@Index(['staffUserId'])
export class ApiKey {
  /** Public half of the token, e.g. `key_3f9c0a1b2c3d4e5f`. */
  @PrimaryColumn({ length: 32 })
  id: string;

  @Column({ name: 'program_id', type: 'int', unsigned: true, nullable: true })
  programId: number | null;

  /** Exactly one of participantId and staffUserId is set. */
  @Column({ name: 'participant_id', type: 'int', unsigned: true, nullable: true })
  participantId: number | null;

  @Column({ name: 'staff_user_id', type: 'int', unsigned: true, nullable: true })
  staffUserId: number | null;

  @Column({ length: 128 })
  label: string;

  @Column({ name: 'secret_hash', type: 'binary', length: 32, select: false })
  secretHash: Buffer;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  /** Updated by the worker at most once a minute per key, so a rotation can see an old key fall silent. */
  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt: Date | null;
}
