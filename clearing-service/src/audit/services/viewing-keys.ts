import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { VIEWING_KEY_SIZE, type ViewingKey } from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SealedSecretStores } from '../../secrets/sealed-secret-stores';
import { SecretsKeyring, SecretUnreadable } from '../../secrets/secrets-keyring';
import { UnreadableSecrets } from '../../secrets/unreadable-secrets';

/**
 * The bureau's viewing key of each program (`audit_viewing_keys`, docs/private-log.md): issued
 * from the CLI and shown once; kept sealed under the secrets keyring to wrap resident keys with.
 */
@Injectable()
export class ViewingKeys implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keyring: SecretsKeyring,
    private readonly unreadable: UnreadableSecrets,
    private readonly sealedStores: SealedSecretStores,
  ) {}

  onModuleInit(): void {
    this.sealedStores.register({
      kind: 'viewing_key',
      list: async () => {
        const rows: { key_id: string; sealed_key: Buffer }[] = await this.db.query(
          'SELECT key_id, sealed_key FROM audit_viewing_keys ORDER BY key_id',
        );
        return rows.map((r) => ({ id: r.key_id, sealed: r.sealed_key }));
      },
      replace: async (id, previous, next) => {
        const result: { affectedRows: number } = await this.db.query(
          'UPDATE audit_viewing_keys SET sealed_key = ? WHERE key_id = ? AND sealed_key = ?',
          [next, id, previous],
        );
        return result.affectedRows === 1;
      },
    });
  }

  /** A new viewing key for the program, replacing the one before. Returned once, never again. */
  async issue(programId: number): Promise<ViewingKey> {
    const key = randomBytes(VIEWING_KEY_SIZE);
    const keyId = `vk_${randomBytes(8).toString('hex')}`;
    await this.db.query(
      `INSERT INTO audit_viewing_keys (program_id, key_id, sealed_key, issued_at)
       VALUES (?, ?, ?, NOW(3))
       ON DUPLICATE KEY UPDATE key_id = VALUES(key_id), sealed_key = VALUES(sealed_key),
         issued_at = VALUES(issued_at)`,
      [programId, keyId, this.keyring.seal(key)],
    );
    return { keyId, key };
  }

  /** The program's viewing key, opened; null when none was issued. */
  async current(programId: number): Promise<ViewingKey | null> {
    const [row]: { key_id: string; sealed_key: Buffer }[] = await this.db.query(
      'SELECT key_id, sealed_key FROM audit_viewing_keys WHERE program_id = ?',
      [programId],
    );
    if (!row) return null;
    try {
      return { keyId: row.key_id, key: this.keyring.open(row.sealed_key) };
    } catch (err) {
      if (err instanceof SecretUnreadable) this.unreadable.report('viewing_key', row.key_id, err);
      throw err;
    }
  }
}
