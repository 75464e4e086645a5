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
import { SecretsKeyring } from '../../secrets/secrets-keyring';
import { WebhookKeysStore } from './webhook-keys-store';

export interface IssuedWebhookSecret {
  secret: WebhookSecret;
  /** whsec_/whsk_ material, shown once; null when the operator registered its own public key. */
  plaintext: string | null;
}

@Injectable()
export class WebhookSecretsService implements OnModuleInit {
  constructor(
    @InjectRepository(WebhookSecret) private readonly secrets: Repository<WebhookSecret>,
    private readonly keyring: SecretsKeyring,
    private readonly keys: WebhookKeysStore,
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
    this.keys.changed(participant.id);
    return { secret, plaintext };
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
    this.keys.changed(participantId);
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
}
