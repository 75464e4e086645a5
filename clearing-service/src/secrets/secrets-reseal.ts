import { Injectable } from '@nestjs/common';
import { SealedSecretStores } from './sealed-secret-stores';
import { SecretsKeyring, SecretUnreadable } from './secrets-keyring';

export interface SealedKindCount {
  kind: string;
  /** Sealed under the key that seals now. */
  current: number;
  /** Sealed under an older key that is still configured: `secrets:reseal` moves them. */
  older: number;
  /** No configured key opens them; their ids follow. */
  unreadable: number;
  unreadableIds: string[];
}

export interface SecretsStatus {
  currentKeyId: string;
  keyIds: string[];
  kinds: SealedKindCount[];
}

export interface ResealResult {
  resealed: number;
  alreadyCurrent: number;
  unreadable: number;
  unreadableIds: string[];
}

/** Counts every stored secret by the key it is sealed under, and re-seals them under the current key. */
@Injectable()
export class SecretsReseal {
  constructor(
    private readonly keyring: SecretsKeyring,
    private readonly stores: SealedSecretStores,
  ) {}

  async status(): Promise<SecretsStatus> {
    const kinds: SealedKindCount[] = [];
    for (const store of this.stores.all()) {
      const count: SealedKindCount = {
        kind: store.kind,
        current: 0,
        older: 0,
        unreadable: 0,
        unreadableIds: [],
      };
      for (const row of await store.list()) {
        if (this.keyring.isCurrent(row.sealed)) count.current++;
        else if (this.opens(row.sealed)) count.older++;
        else {
          count.unreadable++;
          count.unreadableIds.push(`${store.kind}:${row.id}`);
        }
      }
      kinds.push(count);
    }
    return { currentKeyId: this.keyring.currentKeyId, keyIds: this.keyring.keyIds, kinds };
  }

  /** Re-seals every secret an older configured key opens; the unreadable ones are left as they are. */
  async reseal(): Promise<ResealResult> {
    const result: ResealResult = {
      resealed: 0,
      alreadyCurrent: 0,
      unreadable: 0,
      unreadableIds: [],
    };
    for (const store of this.stores.all()) {
      for (const row of await store.list()) {
        if (this.keyring.isCurrent(row.sealed)) {
          result.alreadyCurrent++;
          continue;
        }
        let plaintext: Buffer;
        try {
          plaintext = this.keyring.open(row.sealed);
        } catch (err) {
          if (!(err instanceof SecretUnreadable)) throw err;
          result.unreadable++;
          result.unreadableIds.push(`${store.kind}:${row.id}`);
          continue;
        }
        // A rotation that replaced the secret meanwhile sealed it under the current key already.
        if (await store.replace(row.id, row.sealed, this.keyring.seal(plaintext)))
          result.resealed++;
        else result.alreadyCurrent++;
      }
    }
    return result;
  }

  private opens(sealed: Buffer): boolean {
    try {
      this.keyring.open(sealed);
      return true;
    } catch (err) {
      if (err instanceof SecretUnreadable) return false;
      throw err;
    }
  }
}
