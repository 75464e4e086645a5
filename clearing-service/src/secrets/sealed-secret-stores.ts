import { Injectable } from '@nestjs/common';

/** One sealed value, by the id its owner knows it by. */
export interface SealedSecretRow {
  id: string;
  sealed: Buffer;
}

/**
 * A kind of sealed secret, kept by the module that owns its table: the secrets module re-seals
 * and counts them without knowing where they live.
 */
export interface SealedSecretStore {
  /** What these secrets are, e.g. `webhook_secret`; names them in logs, the CLI and the API. */
  readonly kind: string;
  list(): Promise<SealedSecretRow[]>;
  /** Replaces one value if it is still `previous` (a concurrent rotation wins); false otherwise. */
  replace(id: string, previous: Buffer, next: Buffer): Promise<boolean>;
}

/** Every store of the process; owners register theirs when their module starts. */
@Injectable()
export class SealedSecretStores {
  private readonly stores = new Map<string, SealedSecretStore>();

  register(store: SealedSecretStore): void {
    this.stores.set(store.kind, store);
  }

  all(): SealedSecretStore[] {
    return [...this.stores.values()].sort((a, b) => a.kind.localeCompare(b.kind));
  }
}
