import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type WebhookScheme = 'v1' | 'v1a';

/**
 * A key an operator signs its webhooks with (Standard Webhooks). `v1` (HMAC) secrets are kept
 * encrypted at rest; for `v1a` (Ed25519) only the public key is kept.
 */
@Entity('webhook_secrets')
@Index(['participantId'])
export class WebhookSecret {
  /** e.g. `whk_0a1b2c3d4e5f6a7b` */
  @PrimaryColumn({ length: 32 })
  id: string;

  @Column({ name: 'program_id', type: 'int', unsigned: true })
  programId: number;

  @Column({ name: 'participant_id', type: 'int', unsigned: true })
  participantId: number;

  @Column({ type: 'enum', enum: ['v1', 'v1a'] })
  scheme: WebhookScheme;

  /** v1 only: the whsec_ secret sealed with AES-256-GCM under TANLIAN_SECRETS_KEY. */
  @Column({ name: 'sealed_secret', type: 'varbinary', length: 255, nullable: true, select: false })
  sealedSecret: Buffer | null;

  /** v1a only: the whpk_ public key. */
  @Column({ name: 'public_key', type: 'varchar', length: 64, nullable: true })
  publicKey: string | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
