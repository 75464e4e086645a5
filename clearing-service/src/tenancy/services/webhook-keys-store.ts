import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SecretsKeyring, SecretUnreadable } from '../../secrets/secrets-keyring';
import { UnreadableSecrets } from '../../secrets/unreadable-secrets';
import { WebhookSecret } from '../entities/webhook-secret.entity';

/** A key that verifies an operator's webhook signature: whsec_ (v1) or whpk_ (v1a). */
export interface VerifyingKey {
  keyId: string;
  key: string;
}

/** An operator's live keys that could be opened, and the ids of those no configured key opens. */
export interface LiveVerifyingKeys {
  keys: VerifyingKey[];
  unreadable: string[];
}

/**
 * The keys that verify operators' pushes, as ingest reads them. WebhookSecretsService issues and
 * revokes them and says so here, so that callers' caches of live keys drop a change at once.
 */
@Injectable()
export class WebhookKeysStore {
  private readonly listeners: ((participantId: number) => void)[] = [];

  constructor(
    @InjectRepository(WebhookSecret) private readonly secrets: Repository<WebhookSecret>,
    private readonly keyring: SecretsKeyring,
    private readonly unreadableSecrets: UnreadableSecrets,
  ) {}

  /** Called after a key of the participant is added or revoked. */
  onChange(listener: (participantId: number) => void): void {
    this.listeners.push(listener);
  }

  changed(participantId: number): void {
    for (const listener of this.listeners) listener(participantId);
  }

  /**
   * Every live key of the operator, opened for signature verification (several during rotation).
   * A secret no configured key opens is skipped and reported, so the others keep verifying.
   */
  async liveVerifyingKeys(participantId: number): Promise<LiveVerifyingKeys> {
    const rows = await this.secrets
      .createQueryBuilder('s')
      .addSelect('s.sealedSecret')
      .where('s.participantId = :participantId AND s.revokedAt IS NULL', { participantId })
      .getMany();
    const live: LiveVerifyingKeys = { keys: [], unreadable: [] };
    for (const row of rows) {
      if (row.scheme === 'v1a') {
        live.keys.push({ keyId: row.id, key: row.publicKey as string });
        continue;
      }
      try {
        live.keys.push({ keyId: row.id, key: this.keyring.openText(row.sealedSecret as Buffer) });
      } catch (err) {
        if (!(err instanceof SecretUnreadable)) throw err;
        this.unreadableSecrets.report('webhook_secret', row.id, err);
        live.unreadable.push(row.id);
      }
    }
    return live;
  }
}
