import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

// Sealed formats, told apart by the first byte:
//   1: iv (12) ‖ tag (16) ‖ ciphertext, under the one key there was before the keyring;
//   2: key id (4) ‖ iv (12) ‖ tag (16) ‖ ciphertext, so the opening key is found, not guessed.
const LEGACY = 1;
const KEYED = 2;
const KEY_ID_BYTES = 4;

/** No configured key opens this secret: sealed under a key that is no longer (or never was) set. */
export class SecretUnreadable extends Error {
  constructor(readonly sealedUnder: string | null) {
    super(
      sealedUnder
        ? `sealed under secrets key ${sealedUnder}, which TANLIAN_SECRETS_KEY does not hold`
        : 'no key of TANLIAN_SECRETS_KEY opens it',
    );
    this.name = 'SecretUnreadable';
  }
}

/** 8 hex digits naming a secrets key (a hash prefix: it reveals nothing of the key). */
export function secretsKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('tanlian secrets key id\n')
    .update(key)
    .digest('hex')
    .slice(0, 8);
}

/**
 * Seals secrets that must be read back (webhook and callback HMAC secrets, per-log salts, the
 * development signing key) with AES-256-GCM under TANLIAN_SECRETS_KEY, a keyring: the first key
 * seals, every key opens what it sealed, so a new key can be put first and the old one dropped
 * once `secrets:reseal` has moved everything.
 */
@Injectable()
export class SecretsKeyring {
  readonly currentKeyId: string;
  private readonly current: Buffer;
  private readonly byId = new Map<string, Buffer>();

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'secrets'>) {
    for (const key of config.secrets.keys) this.byId.set(secretsKeyId(key), key);
    this.current = config.secrets.keys[0];
    this.currentKeyId = secretsKeyId(this.current);
  }

  /** Ids of every configured key, the sealing one first. */
  get keyIds(): string[] {
    return [...this.byId.keys()];
  }

  seal(plaintext: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const header = Buffer.concat([Buffer.from([KEYED]), Buffer.from(this.currentKeyId, 'hex')]);
    return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
  }

  /** Throws SecretUnreadable when no configured key opens it. */
  open(sealed: Buffer): Buffer {
    if (sealed[0] === KEYED) {
      const id = sealed.subarray(1, 1 + KEY_ID_BYTES).toString('hex');
      const key = this.byId.get(id);
      const opened = key && decrypt(key, sealed.subarray(1 + KEY_ID_BYTES));
      if (!opened) throw new SecretUnreadable(id);
      return opened;
    }
    if (sealed[0] === LEGACY) {
      for (const key of this.byId.values()) {
        const opened = decrypt(key, sealed.subarray(1));
        if (opened) return opened;
      }
      throw new SecretUnreadable(null);
    }
    throw new SecretUnreadable(null);
  }

  sealText(plaintext: string): Buffer {
    return this.seal(Buffer.from(plaintext, 'utf8'));
  }

  openText(sealed: Buffer): string {
    return this.open(sealed).toString('utf8');
  }

  /** Sealed under the key that seals now (re-sealing would change nothing). */
  isCurrent(sealed: Buffer): boolean {
    return (
      sealed[0] === KEYED &&
      sealed.subarray(1, 1 + KEY_ID_BYTES).toString('hex') === this.currentKeyId
    );
  }
}

function decrypt(key: Buffer, body: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
    decipher.setAuthTag(body.subarray(12, 28));
    return Buffer.concat([decipher.update(body.subarray(28)), decipher.final()]);
  } catch {
    return null; // the tag did not authenticate: another key, or a damaged secret
  }
}
