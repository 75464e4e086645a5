import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { SecretsKeyring } from '../../src/secrets/secrets-keyring';
import { createTestDatabase } from '../support/test-config';
import { heldKeys } from './held-keys';

// The one audit-keyring case that needs MariaDB: with no keys configured, the development key
// lives sealed in the database (the configured cases are unit tests in audit-keyring.spec.ts).
describe('audit signing keys', () => {
  it('unset, every process of a deployment holds one development key, kept sealed in the database', async () => {
    const db = await createTestDatabase('dev-signing-key');
    const dataSource = await new DataSource(dataSourceOptions(db.config)).initialize();
    try {
      expect(db.config.audit).toMatchObject({ signingKeys: null, originPrefix: 'tanlian.local' });
      const [one, two] = [
        await heldKeys(db.config, dataSource),
        await heldKeys(db.config, dataSource),
      ];
      expect(one.held.map((k) => k.name)).toEqual(['tanlian.local-dev']);
      expect(one.held[0].vkey).toBe(two.held[0].vkey);
      // Random, not derived from the secrets key: another deployment with the same secrets key differs.
      const other = await createTestDatabase('dev-signing-key-2', {
        TANLIAN_SECRETS_KEY: db.env.TANLIAN_SECRETS_KEY,
      });
      const otherSource = await new DataSource(dataSourceOptions(other.config)).initialize();
      try {
        expect((await heldKeys(other.config, otherSource)).held[0].vkey).not.toBe(one.held[0].vkey);
      } finally {
        await otherSource.destroy();
        await other.drop();
      }
      const [row]: { sealed_seed: Buffer }[] = await dataSource.query(
        'SELECT sealed_seed FROM audit_development_key',
      );
      expect(new SecretsKeyring(db.config).open(row.sealed_seed)).toEqual(
        Buffer.from(one.held[0].signer.secretKey),
      );
    } finally {
      await dataSource.destroy();
      await db.drop();
    }
  });
});
