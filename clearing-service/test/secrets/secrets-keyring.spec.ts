import { createCipheriv, randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/load-config';
import { secretsKeyId, SecretsKeyring, SecretUnreadable } from '../../src/secrets/secrets-keyring';

const [A, B] = [randomBytes(32), randomBytes(32)];
const keyring = (...keys: Buffer[]) => new SecretsKeyring({ secrets: { keys } });

describe('the secrets keyring', () => {
  it('rotates: seal with A, put B first, open both, re-seal under B, drop A', () => {
    const underA = keyring(A).sealText('whsec_one');
    const both = keyring(B, A);
    expect(both.openText(underA)).toBe('whsec_one');
    expect(both.isCurrent(underA)).toBe(false);
    const underB = both.sealText('whsec_two');
    expect(both.isCurrent(underB)).toBe(true);
    const resealed = both.seal(both.open(underA));
    expect(both.isCurrent(resealed)).toBe(true);

    const onlyB = keyring(B);
    expect(onlyB.openText(resealed)).toBe('whsec_one');
    expect(onlyB.openText(underB)).toBe('whsec_two');
    expect(() => onlyB.open(underA)).toThrow(SecretUnreadable);
    expect(() => onlyB.open(underA)).toThrow(
      `sealed under secrets key ${secretsKeyId(A)}, which TANLIAN_SECRETS_KEY does not hold`,
    );
  });

  it('names each sealed value’s key, so a wrong key is never tried', () => {
    const sealed = keyring(A).seal(Buffer.from('salt'));
    expect(sealed[0]).toBe(2);
    expect(sealed.subarray(1, 5).toString('hex')).toBe(secretsKeyId(A));
    // The same id with damaged ciphertext does not open either: GCM authenticates.
    const damaged = Buffer.from(sealed);
    damaged[damaged.length - 1] ^= 1;
    expect(() => keyring(A).open(damaged)).toThrow(SecretUnreadable);
  });

  it('opens secrets sealed before the keyring (format 1, no key id) with whichever key fits', () => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', A, iv);
    const ciphertext = Buffer.concat([cipher.update('whsec_legacy', 'utf8'), cipher.final()]);
    const legacy = Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), ciphertext]);
    expect(keyring(B, A).openText(legacy)).toBe('whsec_legacy');
    expect(keyring(B, A).isCurrent(legacy)).toBe(false);
    expect(() => keyring(B).open(legacy)).toThrow(SecretUnreadable);
  });

  it('reads TANLIAN_SECRETS_KEY as comma-separated keys, the first sealing, and names it when malformed', () => {
    const env = { DATABASE_URL: 'mysql://root@h:3306/x', REDIS_URL: 'redis://h:6379' };
    const config = loadConfig({
      ...env,
      TANLIAN_SECRETS_KEY: `${B.toString('base64')}, ${A.toString('base64')}`,
    });
    expect(config.secrets.keys).toEqual([B, A]);
    expect(new SecretsKeyring(config).currentKeyId).toBe(secretsKeyId(B));
    expect(new SecretsKeyring(config).keyIds).toEqual([secretsKeyId(B), secretsKeyId(A)]);
    expect(() =>
      loadConfig({ ...env, TANLIAN_SECRETS_KEY: `${B.toString('base64')},c2hvcnQ=` }),
    ).toThrow(
      /^config error: TANLIAN_SECRETS_KEY must be comma-separated base64 keys of exactly 32 bytes/,
    );
  });
});
