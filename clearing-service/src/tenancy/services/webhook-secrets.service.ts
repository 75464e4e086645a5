import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { generateEd25519KeyPair, generateHmacSecret, type WebhookSecretCreate } from '@tanlian/sdk';
import { randomBytes } from 'node:crypto';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { AuditRecords, refIdOfTokenId } from '../../audit/services/audit-records';
import { notAnOperator, webhookSecretNotFound } from '../tenancy-errors';
import type { Participant } from '../entities/participant.entity';
import { WebhookSecret } from '../entities/webhook-secret.entity';
import { SealedSecretStores } from '../../secrets/sealed-secret-stores';
import { SecretsKeyring, SecretUnreadable } from '../../secrets/secrets-keyring';
import { UnreadableSecrets } from '../../secrets/unreadable-secrets';

export interface IssuedWebhookSecret {
  secret: WebhookSecret;
  /** whsec_/whsk_ material, shown once; null when the operator registered its own public key. */
  plaintext: string | null;
}

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

@Injectable()
export class WebhookSecretsService implements OnModuleInit {
  private readonly listeners: ((participantId: number) => void)[] = [];

  constructor(
    @InjectRepository(WebhookSecret) private readonly secrets: Repository<WebhookSecret>,
    private readonly keyring: SecretsKeyring,
    private readonly unreadableSecrets: UnreadableSecrets,
    private readonly audit: AuditRecords,
    private readonly sealedStores: SealedSecretStores,
  ) {}

  onModuleInit(): void {
    // Live HMAC secrets only: a revoked one verifies nothing, so its key no longer matters.
    this.sealedStores.register({
      kind: 'webhook_secret',
      list: async () => {
        const rows: { id: string; sealed_secret: Buffer }[] = await this.secrets.query(
          'SELECT id, sealed_secret FROM webhook_secrets WHERE sealed_secret IS NOT NULL AND revoked_at IS NULL ORDER BY id',
        );
        return rows.map((r) => ({ id: r.id, sealed: r.sealed_secret }));
      },
      replace: async (id, previous, next) => {
        const result: { affectedRows: number } = await this.secrets.query(
          'UPDATE webhook_secrets SET sealed_secret = ? WHERE id = ? AND sealed_secret = ?',
          [next, id, previous],
        );
        return result.affectedRows === 1;
      },
    });
  }

  async issue(participant: Participant, input: WebhookSecretCreate): Promise<IssuedWebhookSecret> {
    if (!participant.isOperator) {
      throw notAnOperator(participant.code, 'only operators sign webhooks');
    }
    const id = `whk_${randomBytes(8).toString('hex')}`;
    const base = {
      id,
      programId: participant.programId,
      participantId: participant.id,
      revokedAt: null,
    };
    let plaintext: string | null;
    let row: Pick<WebhookSecret, 'scheme' | 'sealedSecret' | 'publicKey'>;
    if (input.scheme === 'v1') {
      const secret = generateHmacSecret();
      plaintext = secret;
      row = { scheme: 'v1', sealedSecret: this.keyring.sealText(secret), publicKey: null };
    } else if (input.publicKey) {
      plaintext = null;
      row = { scheme: 'v1a', sealedSecret: null, publicKey: input.publicKey };
    } else {
      const pair = generateEd25519KeyPair();
      plaintext = pair.secretKey;
      row = { scheme: 'v1a', sealedSecret: null, publicKey: pair.publicKey };
    }
    const secret = await this.secrets.manager.transaction(async (db) => {
      const secrets = db.getRepository(WebhookSecret);
      await secrets.insert({ ...base, ...row });
      const saved = await secrets.findOneByOrFail({ id });
      await this.record(db, 'webhook_secret_created', saved, participant.code);
      return saved;
    });
    this.changed(participant.id);
    return { secret, plaintext };
  }

  /** Called after a key of the participant is added or revoked, so caches of live keys drop it at once. */
  onChange(listener: (participantId: number) => void): void {
    this.listeners.push(listener);
  }

  private changed(participantId: number): void {
    for (const listener of this.listeners) listener(participantId);
  }

  list(participantId: number): Promise<WebhookSecret[]> {
    return this.secrets.find({ where: { participantId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async revoke(participant: Participant, id: string): Promise<WebhookSecret> {
    const participantId = participant.id;
    const secret = await this.secrets.findOneBy({ id, participantId });
    if (!secret) throw webhookSecretNotFound(id);
    const revoked = await this.secrets.manager.transaction(async (db) => {
      const secrets = db.getRepository(WebhookSecret);
      const result = await secrets.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
      const row = await secrets.findOneByOrFail({ id });
      if (result.affected) await this.record(db, 'webhook_secret_revoked', row, participant.code);
      return row;
    });
    this.changed(participantId);
    return revoked;
  }

  /**
   * An operator's signing keys are public record: which key could sign its events, from when to
   * when. Only the scheme and, for v1a, the public key — never the HMAC secret.
   */
  private async record(
    db: EntityManager,
    kind: 'webhook_secret_created' | 'webhook_secret_revoked',
    secret: WebhookSecret,
    operatorCode: string,
  ): Promise<void> {
    await this.audit.append(db, secret.programId, {
      kind,
      refId: refIdOfTokenId(secret.id),
      type: kind,
      fields: {
        key: {
          id: secret.id,
          operator: operatorCode,
          scheme: secret.scheme,
          publicKey: secret.publicKey,
        },
      },
    });
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
