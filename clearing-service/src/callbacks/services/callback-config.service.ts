import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { generateHmacSecret } from '@tanlian/sdk';
import { DataSource, Repository } from 'typeorm';
import { isDuplicateKey } from '../../database/mysql-errors';
import { NotFoundError } from '../../http/domain-error';
import { callbackNotConfigured } from '../callbacks-errors';
import type { Participant } from '../../tenancy/entities/participant.entity';
import { SecretsKeyring } from '../../secrets/secrets-keyring';
import { CALLBACK_POLICY, CallbackPolicy } from '../callback-policy';
import { ParticipantCallback } from '../entities/participant-callback.entity';
import { stopCallbacks } from './stop-callbacks';

export interface ConfiguredCallback {
  callback: ParticipantCallback;
  /** The whsec_ secret, shown once: when the callback is first set, and on rotation. */
  secret: string | null;
}

/**
 * A participant's callback URL (an operator's or a merchant's) and the secret Tanlian signs its
 * callbacks with.
 */
@Injectable()
export class CallbackConfigService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ParticipantCallback)
    private readonly callbacks: Repository<ParticipantCallback>,
    private readonly keyring: SecretsKeyring,
    @Inject(CALLBACK_POLICY) private readonly policy: CallbackPolicy,
  ) {}

  async get(participant: Participant): Promise<ParticipantCallback> {
    const found = await this.callbacks.findOneBy({ participantId: participant.id });
    if (!found) throw notConfigured(participant);
    return found;
  }

  /**
   * Sets the URL and (re)starts callbacks. The first time, a secret is generated and returned; later
   * calls keep it (rotate it explicitly). Results decided while callbacks were off are not sent.
   */
  async set(participant: Participant, url: string): Promise<ConfiguredCallback> {
    let secret: string | null;
    try {
      secret = await this.upsert(participant, url);
    } catch (err) {
      // Two first PUTs at once: the one that lost the insert moves the URL the other created.
      if (!isDuplicateKey(err)) throw err;
      secret = await this.upsert(participant, url);
    }
    return { callback: await this.get(participant), secret };
  }

  /** Returns the new secret when it created the callback, null when it only moved the URL. */
  private upsert(participant: Participant, url: string): Promise<string | null> {
    const now = new Date();
    return this.dataSource.transaction('READ COMMITTED', async (db) => {
      const [existing]: unknown[] = await db.query(
        'SELECT participant_id FROM participant_callbacks WHERE participant_id = ? FOR UPDATE',
        [participant.id],
      );
      if (existing) {
        await db.query(
          `UPDATE participant_callbacks SET url = ?, disabled_at = NULL, disabled_reason = NULL, updated_at = ?
            WHERE participant_id = ?`,
          [url, now, participant.id],
        );
        return null;
      }
      const secret = generateHmacSecret();
      await db.query(
        `INSERT INTO participant_callbacks
           (participant_id, program_id, url, sealed_secret, secret_created_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [participant.id, participant.programId, url, this.keyring.sealText(secret), now, now, now],
      );
      return secret;
    });
  }

  /** Stops callbacks and cancels what is waiting; PUT the URL again to resume. */
  async stop(participant: Participant): Promise<ParticipantCallback> {
    const current = await this.get(participant);
    if (current.disabledAt === null) {
      await this.dataSource.transaction('READ COMMITTED', (db) =>
        stopCallbacks(db, participant.id, 'stopped through the API', new Date()),
      );
    }
    return this.get(participant);
  }

  /** A new secret; the previous one keeps signing beside it for the grace period. */
  async rotate(participant: Participant): Promise<ConfiguredCallback> {
    await this.get(participant);
    const now = new Date();
    const secret = generateHmacSecret();
    await this.dataSource.query(
      `UPDATE participant_callbacks
          SET previous_sealed_secret = sealed_secret, previous_valid_until = ?,
              sealed_secret = ?, secret_created_at = ?, updated_at = ?
        WHERE participant_id = ?`,
      [
        new Date(now.getTime() + this.policy.previousSecretGraceMs),
        this.keyring.sealText(secret),
        now,
        now,
        participant.id,
      ],
    );
    return { callback: await this.get(participant), secret };
  }
}

function notConfigured(participant: Participant): NotFoundError {
  return callbackNotConfigured(participant.code);
}
