import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { publicKeyFromSecret, type NoteSigner, type NoteVerifierKey } from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { SecretsKeyring } from '../../secrets/secrets-keyring';
import { announcedKey, type AnnouncedKey } from '../signing-key-leaf';

/** A key this process holds the private half of. */
export interface HeldKey extends AnnouncedKey {
  signer: NoteSigner;
  verifier: NoteVerifierKey;
}

/**
 * The checkpoint keys this worker holds, in order of preference: AUDIT_SIGNING_KEYS, or else the
 * development key, generated once and kept sealed in the database so every process of the
 * deployment holds the same one. Holding a key is not enough to sign a log: the log's registry
 * must list it as active (AuditSigningKeys).
 */
@Injectable()
export class AuditKeyring implements OnModuleInit {
  private readonly logger = new Logger('audit');
  private keys: HeldKey[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: SecretsKeyring,
  ) {}

  async onModuleInit(): Promise<void> {
    const configured = this.config.audit.signingKeys;
    this.keys = (configured ?? [await this.developmentKey()]).map(({ name, seed }) => {
      const verifier = { name, publicKey: publicKeyFromSecret(new Uint8Array(seed)) };
      return {
        ...announcedKey(verifier),
        verifier,
        signer: { name, secretKey: new Uint8Array(seed) },
      };
    });
  }

  /** The held keys, the preferred one first. */
  get held(): readonly HeldKey[] {
    return this.keys;
  }

  private async developmentKey(): Promise<{ name: string; seed: Buffer }> {
    const name = `${this.config.audit.originPrefix}-dev`;
    // INSERT IGNORE: processes starting at once all end up with the first one's key.
    await this.dataSource.query(
      'INSERT IGNORE INTO audit_development_key (id, name, sealed_seed, created_at) VALUES (1, ?, ?, NOW(3))',
      [name, this.secrets.seal(randomBytes(32))],
    );
    const [row]: { name: string; sealed_seed: Buffer }[] = await this.dataSource.query(
      'SELECT name, sealed_seed FROM audit_development_key WHERE id = 1',
    );
    this.logger.warn(
      `AUDIT_SIGNING_KEYS is unset: checkpoints are signed with the development key ${row.name} kept in the database`,
    );
    return { name: row.name, seed: this.secrets.open(row.sealed_seed) };
  }
}
