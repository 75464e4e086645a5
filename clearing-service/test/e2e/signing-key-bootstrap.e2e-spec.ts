/**
 * Upgrading a deployment whose logs were signed before the key registry: the migration registers,
 * for each log, the key that signed its checkpoints (here the development key that used to be
 * derived from TANLIAN_SECRETS_KEY) with one leaf, keeps that key in the database so the log goes
 * on with it, and seals the log's resident salt. The old checkpoints and the new ones verify with
 * that key pinned. Real MariaDB and a worker.
 */
import type { INestApplicationContext } from '@nestjs/common';
import {
  formatCheckpoint,
  formatVerifierKey,
  leafHash,
  publicKeyFromSecret,
  sha256LogHash,
  signNote,
  verifyAuditLog,
} from '@tanlian/sdk';
import { hkdfSync, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { encodeLeaf } from '../../src/audit/leaf-data';
import { AuditSigningKeys } from '../../src/audit/services/audit-signing-keys';
import { AuditLogReader } from '../../src/audit/services/audit-log-reader';
import { ServiceLogSource } from '../../src/audit/services/service-log-source';
import { AuditCheckpoints } from '../../src/audit/services/audit-checkpoints';
import { AuditBalances } from '../../src/audit/services/audit-balances';
import { createWorkerApp } from '../../src/bootstrap';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createDatabaseIfMissing, dropDatabase, migrateDatabase } from '../../src/database/migrate';
import { schemaMigrations } from '../../src/database/schema';
import { SecretsKeyring } from '../../src/secrets/secrets-keyring';
import { ProgramsStore } from '../../src/tenancy/services/programs-store';
import { createTestDatabase, type TestDatabase } from '../support/test-config';

const REGISTRY = 1763702100000; // the first migration of the keyring and the registry

let db: TestDatabase;
let ds: DataSource;
let worker: INestApplicationContext | null = null;
const salt = randomBytes(32);

beforeAll(async () => {
  db = await createTestDatabase('key-bootstrap', { AUDIT_INTEGRATE_INTERVAL_MS: '100' });
  // Back to the schema before the registry, then a log as the old code wrote it.
  await dropDatabase(db.config.database.url);
  await createDatabaseIfMissing(db.config.database.url);
  ds = await new DataSource({
    ...dataSourceOptions(db.config),
    migrations: schemaMigrations.filter((m) => Number(/\d{13}$/.exec(m.name)![0]) < REGISTRY),
  }).initialize();
  await ds.runMigrations({ transaction: 'each' });
});
afterAll(async () => {
  await worker?.close();
  await ds.destroy();
  await db.drop();
});

/** The development key the service used to derive from the secrets key. */
const legacySeed = () =>
  Buffer.from(
    hkdfSync('sha256', db.config.secrets.keys[0], 'tanlian', 'audit checkpoint dev key', 32),
  );
const legacyKey = () => ({
  name: 'tanlian.local-dev',
  publicKey: publicKeyFromSecret(legacySeed()),
});

it('registers the key that signed an existing log, keeps it, and the log goes on verifying', async () => {
  await ds.query(
    `INSERT INTO programs (code, name, grams_per_point, fen_per_point, audit_hash, settlement_cycle)
     VALUES ('wuhan', 'Wuhan', 10, 1, 'sha256', 'daily')`,
  );
  const [{ id: programId }] = await ds.query("SELECT id FROM programs WHERE code = 'wuhan'");
  const body = {
    type: 'methodology_published',
    program: 'wuhan',
    at: '2026-11-01T00:00:00.000Z',
    methodology: {
      label: 'WH-METRO@1',
      behaviour: 'metro',
      contentHash: 'ab',
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
    },
  };
  const leaf = encodeLeaf(body);
  await ds.query(
    'INSERT INTO audit_log_heads (program_id, next_index, resident_salt) VALUES (?, 1, ?)',
    [programId, salt],
  );
  await ds.query(
    `INSERT INTO audit_leaves (program_id, leaf_index, kind, ref_id, leaf_data, leaf_hash, created_at)
     VALUES (?, 0, 'methodology_published', 1, ?, ?, NOW(3))`,
    [programId, leaf, Buffer.from(leafHash(sha256LogHash, leaf))],
  );
  const root = leafHash(sha256LogHash, leaf);
  const note = signNote(
    formatCheckpoint({ origin: 'tanlian.local/wuhan/sha256', size: 1, rootHash: root }),
    { name: 'tanlian.local-dev', secretKey: new Uint8Array(legacySeed()) },
  );
  await ds.query(
    `INSERT INTO audit_checkpoints (program_id, tree_size, root_hash, note, key_name, signed_at, lag_ms)
     VALUES (?, 1, ?, ?, 'tanlian.local-dev', NOW(3), 0)`,
    [programId, Buffer.from(root), note],
  );
  await ds.query(
    'INSERT INTO audit_integrators (program_id, integrated_size, updated_at) VALUES (?, 1, NOW(3))',
    [programId],
  );
  await ds.query(`INSERT INTO audit_tiles (program_id, level, tile, hashes) VALUES (?, 0, 0, ?)`, [
    programId,
    Buffer.from(root),
  ]);

  expect(await migrateDatabase(db.config)).toEqual([
    'SealResidentSalts1763702100000',
    'RegisterSigningKeys1763702200000',
    'CreateResidentChains1763702300000',
    'CreateViewingKeys1763702400000',
    'CreateIdempotencyKeys1763702450000',
    'CreateRedemptionCodes1763702500000',
    'CreateMerchantShop1763702600000',
    'AddPointsExpiry1763702700000',
    'AddHolds1763702800000',
    'CreateRedemptions1763702900000',
    'AddRefunds1763703000000',
    'CreateRedemptionRefunds1763703100000',
    'AddProgramClearingSettings1763703200000',
    'AddCancellation1763703300000',
    'CreateClearing1763703400000',
    'AddPurchases1763703500000',
    'ParticipantCallbacks1763703600000',
    'CreateFundingReserves1763710100000',
    'CreateCreditLimits1763710110000',
    'CreateResidentNotifications1763710300000',
    'CreateReporting1763710500000',
  ]);

  const [head] = await ds.query('SELECT next_index, sealed_resident_salt FROM audit_log_heads');
  expect(new SecretsKeyring(db.config).open(head.sealed_resident_salt)).toEqual(salt);
  expect(Number(head.next_index)).toBe(2); // the leaf announcing the key
  const [dev] = await ds.query('SELECT name, sealed_seed FROM audit_development_key');
  expect(dev.name).toBe('tanlian.local-dev');
  expect(new SecretsKeyring(db.config).open(dev.sealed_seed)).toEqual(legacySeed());

  worker = await createWorkerApp(db.config);
  const [key] = await worker.get(AuditSigningKeys).ofLog(programId);
  expect(key).toMatchObject({
    name: 'tanlian.local-dev',
    vkey: formatVerifierKey(legacyKey()),
    state: 'active',
    genesis: true,
    activatedIndex: 1,
  });

  // The worker seals the announcement with the same key; the whole log verifies with it pinned.
  const deadline = Date.now() + 10_000;
  while ((await ds.query('SELECT MAX(tree_size) AS n FROM audit_checkpoints'))[0].n !== '2') {
    if (Date.now() > deadline) throw new Error('the announcement was not sealed');
    await new Promise((r) => setTimeout(r, 50));
  }
  const program = (await worker.get(ProgramsStore).findByCode('wuhan'))!;
  const source = new ServiceLogSource(
    program,
    worker.get(AuditLogReader),
    worker.get(AuditCheckpoints),
    worker.get(AuditBalances),
  );
  const result = await verifyAuditLog(source, {
    program: 'wuhan',
    trustedKeys: [legacyKey()],
    origin: 'tanlian.local/wuhan/sha256',
  });
  expect(result.discrepancy).toBeNull();
  expect(result).toMatchObject({ ok: true, treeSize: 2, checkpointsChecked: 2 });
});
