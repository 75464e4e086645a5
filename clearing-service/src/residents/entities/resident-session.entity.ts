import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-in mini-program: token `rs_<id>.<secret>`, of which only the SHA-256 of the secret is
 * kept. Lives 30 days from sign-in (no sliding renewal) or until logout revokes it.
 */
@Entity('resident_sessions')
@Index(['residentId'])
export class ResidentSession {
  /** Public half of the token, e.g. `rs_3f9c0a1b2c3d4e5f`. */
  @PrimaryColumn({ length: 32 })
  id: string;

  @Column({ name: 'resident_id', type: 'int', unsigned: true })
  residentId: number;

  @Column({ name: 'secret_hash', type: 'binary', length: 32, select: false })
  secretHash: Buffer;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
