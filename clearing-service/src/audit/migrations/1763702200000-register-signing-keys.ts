import { publicKeyFromSecret, verifyNote, type NoteVerifierKey } from '@tanlian/sdk';
import { hkdfSync } from 'node:crypto';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationConfig, type MigrationConfig } from '../../database/migration-context';
import { SecretsKeyring } from '../../secrets/secrets-keyring';
import { encodeLeaf } from '../leaf-data';
import { announcedKey, signingKeyLeafFields } from '../signing-key-leaf';
import { nodeLogHash, treeHashes } from '../tree/log-hash';

/**
 * The registry of each log's checkpoint keys, and the development key kept in the database. Every
 * existing log gets the key that signed its checkpoints registered as its genesis key, with a leaf.
 */
export class RegisterSigningKeys1763702200000 implements MigrationInterface {
  name = 'RegisterSigningKeys1763702200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_signing_keys (
        id INT UNSIGNED NOT NULL AUTO_INCREMENT,
        program_id INT UNSIGNED NOT NULL,
        name VARCHAR(64) NOT NULL,
        key_id CHAR(8) NOT NULL,
        vkey VARCHAR(160) NOT NULL,
        state ENUM('registered','active','retired') NOT NULL,
        genesis TINYINT(1) NOT NULL DEFAULT 0,
        registered_at DATETIME(3) NOT NULL,
        activated_index BIGINT UNSIGNED NULL,
        retired_index BIGINT UNSIGNED NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_audit_signing_key_name (program_id, name),
        CONSTRAINT fk_audit_signing_keys_program FOREIGN KEY (program_id) REFERENCES programs (id)
      ) ENGINE=InnoDB`);
    // One row: the key a deployment without AUDIT_SIGNING_KEYS signs with (api, worker and CLI agree).
    await q.query(`
      CREATE TABLE audit_development_key (
        id TINYINT UNSIGNED NOT NULL,
        name VARCHAR(64) NOT NULL,
        sealed_seed VARBINARY(96) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id)
      ) ENGINE=InnoDB`);
    await this.registerExistingSigners(q, migrationConfig(this.name));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      "DELETE FROM audit_leaves WHERE kind IN ('checkpoint_key_registered','checkpoint_key_activated','checkpoint_key_retired')",
    );
    await q.query('DROP TABLE audit_development_key');
    await q.query('DROP TABLE audit_signing_keys');
  }

  private async registerExistingSigners(q: QueryRunner, config: MigrationConfig): Promise<void> {
    // Until now a deployment signed with AUDIT_SIGNING_KEYS or, unset, with a key derived from
    // TANLIAN_SECRETS_KEY: the candidates for the keys that signed each log.
    const legacyDev = config.secrets.keys.map((secretsKey) => ({
      name: `${config.audit.originPrefix}-dev`,
      seed: Buffer.from(hkdfSync('sha256', secretsKey, 'tanlian', 'audit checkpoint dev key', 32)),
      dev: true,
    }));
    const candidates = [
      ...(config.audit.signingKeys ?? []).map((k) => ({ ...k, dev: false })),
      ...legacyDev,
    ].map((k) => ({ ...k, key: { name: k.name, publicKey: publicKeyFromSecret(k.seed) } }));

    const logs: { program_id: number; code: string; audit_hash: 'sha256' | 'sm3'; note: string }[] =
      await q.query(
        `SELECT c.program_id, p.code, p.audit_hash, c.note
           FROM audit_checkpoints c JOIN programs p ON p.id = c.program_id
          WHERE c.tree_size = (SELECT MAX(tree_size) FROM audit_checkpoints WHERE program_id = c.program_id)`,
      );
    let devSeed: Buffer | null = null;
    for (const log of logs) {
      const signer = candidates.find((c) => verifyNote(log.note, [c.key]).ok);
      if (!signer) {
        process.stderr.write(
          `[migrate] the checkpoints of ${log.code} are signed by no configured key: its log stays unsigned until its key is registered (npm run cli -- audit-key:add --program ${log.code} --genesis --vkey …)\n`,
        );
        continue;
      }
      if (signer.dev && !config.audit.signingKeys) devSeed = signer.seed;
      await registerGenesis(q, log, signer.key);
    }
    if (devSeed) {
      // The log goes on with the key it was signed with, no longer tied to the secrets key.
      await q.query(
        'INSERT INTO audit_development_key (id, name, sealed_seed, created_at) VALUES (1, ?, ?, NOW(3))',
        [`${config.audit.originPrefix}-dev`, new SecretsKeyring(config).seal(devSeed)],
      );
    }
  }
}

async function registerGenesis(
  q: QueryRunner,
  log: { program_id: number; code: string; audit_hash: 'sha256' | 'sm3' },
  key: NoteVerifierKey,
): Promise<void> {
  const announced = announcedKey(key);
  const [head]: { next_index: string }[] = await q.query(
    'SELECT next_index FROM audit_log_heads WHERE program_id = ? FOR UPDATE',
    [log.program_id],
  );
  const index = Number(head.next_index);
  const at = new Date();
  const inserted: { insertId: number } = await q.query(
    `INSERT INTO audit_signing_keys
       (program_id, name, key_id, vkey, state, genesis, registered_at, activated_index)
     VALUES (?, ?, ?, ?, 'active', 1, ?, ?)`,
    [log.program_id, announced.name, announced.keyId, announced.vkey, at, index],
  );
  const data = encodeLeaf({
    type: 'checkpoint_key_activated',
    program: log.code,
    at: at.toISOString(),
    ...signingKeyLeafFields(announced, true),
  });
  await q.query(
    `INSERT INTO audit_leaves (program_id, leaf_index, kind, ref_id, leaf_data, leaf_hash, created_at)
     VALUES (?, ?, 'checkpoint_key_activated', ?, ?, ?, ?)`,
    [
      log.program_id,
      index,
      inserted.insertId,
      data,
      Buffer.from(treeHashes(nodeLogHash(log.audit_hash)).leaf(data)),
      at,
    ],
  );
  await q.query('UPDATE audit_log_heads SET next_index = ? WHERE program_id = ?', [
    index + 1,
    log.program_id,
  ]);
}
