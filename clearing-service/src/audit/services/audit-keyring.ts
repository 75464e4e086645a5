import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  formatVerifierKey,
  noteKeyId,
  publicKeyFromSecret,
  type NoteSigner,
  type NoteVerifierKey,
} from '@tanlian/sdk';
import { hkdfSync } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

export interface PublishedKey extends NoteVerifierKey {
  readonly keyId: string;
  readonly vkey: string;
}

/**
 * The checkpoint signing keys: the first configured key signs, every configured key is published,
 * so a rotation keeps the old key listed (and verifiable) while the new one takes over. Without
 * AUDIT_SIGNING_KEYS a development key is derived from TANLIAN_SECRETS_KEY (so the api and the
 * worker of one deployment agree on it), with a warning.
 */
@Injectable()
export class AuditKeyring {
  readonly signer: NoteSigner;
  readonly published: readonly PublishedKey[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    let keys = config.audit.signingKeys;
    if (!keys) {
      const seed = Buffer.from(
        hkdfSync('sha256', config.secrets.key, 'tanlian', 'audit checkpoint dev key', 32),
      );
      keys = [{ name: `${config.audit.originPrefix}-dev`, seed }];
      new Logger('audit').warn(
        'AUDIT_SIGNING_KEYS is unset: checkpoints are signed with a development key derived from TANLIAN_SECRETS_KEY',
      );
    }
    this.signer = { name: keys[0].name, secretKey: new Uint8Array(keys[0].seed) };
    this.published = keys.map(({ name, seed }) => {
      const publicKey = publicKeyFromSecret(new Uint8Array(seed));
      return {
        name,
        publicKey,
        keyId: noteKeyId(name, publicKey).toString(16).padStart(8, '0'),
        vkey: formatVerifierKey({ name, publicKey }),
      };
    });
  }
}
