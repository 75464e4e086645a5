import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { generateHmacSecret } from '@tanlian/sdk';
import { DataSource, Repository } from 'typeorm';
import { isDuplicateKey } from '../../database/mysql-errors';
import { NotFoundError } from '../../http/domain-error';
import { notAnOperator } from '../../tenancy/tenancy-errors';
import { callbackNotConfigured } from '../callbacks-errors';
import type { Participant } from '../../tenancy/entities/participant.entity';
import { SecretsKeyring } from '../../secrets/secrets-keyring';
import { CALLBACK_POLICY, CallbackPolicy } from '../callback-policy';
import { OperatorCallback } from '../entities/operator-callback.entity';
import { stopCallbacks } from './stop-callbacks';

export interface ConfiguredCallback {
  callback: OperatorCallback;
  /** The whsec_ secret, shown once: when the callback is first set, and on rotation. */
  secret: string | null;
}

/** An operator's callback URL and the secret Tanlian signs its callbacks with. */
@Injectable()
export class CallbackConfigService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OperatorCallback) private readonly callbacks: Repository<OperatorCallback>,
    private readonly keyring: SecretsKeyring,
    @Inject(CALLBACK_POLICY) private readonly policy: CallbackPolicy,
  ) {}

  async get(operator: Participant): Promise<OperatorCallback> {
    requireOperator(operator);
    const found = await this.callbacks.findOneBy({ participantId: operator.id });
    if (!found) throw notConfigured(operator);
    return found;
  }

  /**
   * Sets the URL and (re)starts callbacks. The first time, a secret is generated and returned; later
   * calls keep it (rotate it explicitly). Results decided while callbacks were off are not sent.
   */
  async set(operator: Participant, url: string): Promise<ConfiguredCallback> {
    requireOperator(operator);
    let secret: string | null;
    try {
      secret = await this.upsert(operator, url);
    } catch (err) {
      // Two first PUTs at once: the one that lost the insert moves the URL the other created.
      if (!isDuplicateKey(err)) throw err;
      secret = await this.upsert(operator, url);
    }
    return { callback: await this.get(operator), secret };
  }

  /** Returns the new secret when it created the callback, null when it only moved the URL. */
  private upsert(operator: Participant, url: string): Promise<string | null> {
    const now = new Date();
    return this.dataSource.transaction('READ COMMITTED', async (db) => {
      const [existing]: unknown[] = await db.query(
        'SELECT participant_id FROM operator_callbacks WHERE participant_id = ? FOR UPDATE',
        [operator.id],
      );
      if (existing) {
        await db.query(
          `UPDATE operator_callbacks SET url = ?, disabled_at = NULL, disabled_reason = NULL, updated_at = ?
            WHERE participant_id = ?`,
          [url, now, operator.id],
        );
        return null;
      }
      const secret = generateHmacSecret();
      await db.query(
        `INSERT INTO operator_callbacks
           (participant_id, program_id, url, sealed_secret, secret_created_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [operator.id, operator.programId, url, this.keyring.sealText(secret), now, now, now],
      );
      return secret;
    });
  }

  /** Stops callbacks and cancels what is waiting; PUT the URL again to resume. */
  async stop(operator: Participant): Promise<OperatorCallback> {
    const current = await this.get(operator);
    if (current.disabledAt === null) {
      await this.dataSource.transaction('READ COMMITTED', (db) =>
        stopCallbacks(db, operator.id, 'stopped through the API', new Date()),
      );
    }
    return this.get(operator);
  }

  /** A new secret; the previous one keeps signing beside it for the grace period. */
  async rotate(operator: Participant): Promise<ConfiguredCallback> {
    await this.get(operator);
    const now = new Date();
    const secret = generateHmacSecret();
    await this.dataSource.query(
      `UPDATE operator_callbacks
          SET previous_sealed_secret = sealed_secret, previous_valid_until = ?,
              sealed_secret = ?, secret_created_at = ?, updated_at = ?
        WHERE participant_id = ?`,
      [
        new Date(now.getTime() + this.policy.previousSecretGraceMs),
        this.keyring.sealText(secret),
        now,
        now,
        operator.id,
      ],
    );
    return { callback: await this.get(operator), secret };
  }
}

function requireOperator(participant: Participant): void {
  if (!participant.isOperator) {
    throw notAnOperator(participant.code, 'only operators get callbacks');
  }
}

function notConfigured(operator: Participant): NotFoundError {
  return callbackNotConfigured(operator.code);
}
