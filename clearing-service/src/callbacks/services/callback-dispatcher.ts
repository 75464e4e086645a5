import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CallbackPayload } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { placeholders } from '../../database/sql';
import { eventResults } from '../../read-models/event-result';
import { participantScope } from '../../tenancy/services/participants-store';
import { SecretsKeyring, SecretUnreadable } from '../../secrets/secrets-keyring';
import { UnreadableSecrets } from '../../secrets/unreadable-secrets';
import { CALLBACK_POLICY, CallbackPolicy, nextAttemptAt } from '../callback-policy';
import { CallbackAnswer, sendCallback } from './callback-sender';
import { CallbackWakeups } from './callback-wakeups';
import { stopCallbacks } from './stop-callbacks';

interface Claimed {
  id: string;
  participantId: number;
  /** A participant event's body, stored whole; null for events.decided (built when sent). */
  payload: string | null;
  attempts: number;
  createdAt: Date;
}

interface Target {
  url: string;
  keys: string[];
  program: string;
  participant: string;
}

/** No configured secrets key opens any of the participant's callback secrets. */
class CallbackUnsignable extends Error {
  constructor(participantId: number) {
    super(`no readable callback secret for participant ${participantId}`);
  }
}

// How many rounds of claimLimit deliveries one sweep sends at most, so shutdown is never far off.
const MAX_ROUNDS = 10;

/**
 * Sends due callback deliveries and records each attempt. A delivery is claimed with FOR UPDATE
 * SKIP LOCKED and leased for the length of an attempt, so worker replicas never send it twice at
 * once, and a worker that dies mid-attempt leaves it due again when the lease runs out.
 * 2xx → delivered; 410 → failed, and the participant's callbacks stop; anything else (another status,
 * a timeout, no connection) → retried with exponential backoff and jitter until the policy gives up.
 */
@Injectable()
export class CallbackDispatcher {
  private readonly logger = new Logger('callbacks');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keyring: SecretsKeyring,
    private readonly unreadable: UnreadableSecrets,
    private readonly wakeups: CallbackWakeups,
    @Inject(CALLBACK_POLICY) private readonly policy: CallbackPolicy,
  ) {}

  /** Sends every due delivery, claimLimit at a time; returns how many it attempted. */
  async deliverDue(): Promise<number> {
    let total = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const claimed = await this.claim(null);
      await Promise.all(claimed.map((c) => this.attempt(c)));
      total += claimed.length;
      if (claimed.length < this.policy.claimLimit) break;
    }
    return total;
  }

  /** Sends one delivery if it is due and nobody else is sending it (a wake-up job). */
  async deliverOne(id: string): Promise<void> {
    for (const c of await this.claim(id)) await this.attempt(c);
  }

  private claim(id: string | null): Promise<Claimed[]> {
    const now = new Date();
    return this.dataSource.transaction('READ COMMITTED', async (db) => {
      const rows: {
        id: string;
        participant_id: number;
        payload: string | null;
        attempts: number;
        created_at: Date;
      }[] = await db.query(
        `SELECT id, participant_id, payload, attempts, created_at FROM callback_deliveries
            WHERE status = 'pending' AND next_attempt_at <= ? ${id === null ? '' : 'AND id = ?'}
            ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED`,
        id === null ? [now, this.policy.claimLimit] : [now, id, 1],
      );
      if (rows.length === 0) return [];
      const leaseUntil = new Date(now.getTime() + 2 * this.policy.timeoutMs + 10_000);
      await db.query(
        `UPDATE callback_deliveries SET next_attempt_at = ? WHERE id IN (${placeholders(rows)})`,
        [leaseUntil, ...rows.map((r) => r.id)],
      );
      return rows.map((r) => ({
        id: r.id,
        participantId: r.participant_id,
        payload: r.payload,
        attempts: r.attempts,
        createdAt: r.created_at,
      }));
    });
  }

  private async attempt(c: Claimed): Promise<void> {
    try {
      const target = await this.targetOf(c.participantId);
      if (!target) {
        await this.dataSource.query(
          `UPDATE callback_deliveries SET status = 'cancelled', next_attempt_at = NULL, finished_at = ?
            WHERE id = ? AND status = 'pending'`,
          [new Date(), c.id],
        );
        return;
      }
      const body = c.payload ?? JSON.stringify(await this.payload(c.id, target));
      const answer = await sendCallback({
        deliveryId: c.id,
        url: target.url,
        body,
        keys: target.keys,
        timeoutMs: this.policy.timeoutMs,
      });
      await this.record(c, target, answer);
    } catch (err) {
      // The lease runs out and the delivery is tried again; nothing is lost.
      if (err instanceof CallbackUnsignable) return; // reported once, by the keyring's reader
      this.logger.error(`callback ${c.id} not attempted: ${(err as Error).message}`);
    }
  }

  private async record(c: Claimed, target: Target, answer: CallbackAnswer): Promise<void> {
    const now = new Date();
    const attempts = c.attempts + 1;
    const code = answer.statusCode;
    if (code !== null && code >= 200 && code < 300) {
      // Also over a cancellation that raced the attempt: the results did arrive.
      await this.dataSource.query(
        `UPDATE callback_deliveries SET status = 'delivered', attempts = ?, last_attempt_at = ?,
                last_status_code = ?, last_error = NULL, next_attempt_at = NULL, finished_at = ?
          WHERE id = ? AND status IN ('pending', 'cancelled')`,
        [attempts, now, code, now, c.id],
      );
      return;
    }
    if (code === 410) {
      await this.dataSource.transaction('READ COMMITTED', async (db) => {
        await db.query(
          `UPDATE callback_deliveries SET status = 'failed', attempts = ?, last_attempt_at = ?,
                  last_status_code = 410, last_error = ?, next_attempt_at = NULL, finished_at = ?
            WHERE id = ? AND status = 'pending'`,
          [attempts, now, 'answered HTTP 410 Gone: callbacks stopped', now, c.id],
        );
        await stopCallbacks(db, c.participantId, 'the receiver answered 410 Gone', now, target.url);
      });
      this.logger.warn(`callbacks of ${target.program}/${target.participant} stopped: 410 Gone`);
      return;
    }
    const next = nextAttemptAt(this.policy, c.createdAt, attempts, now);
    const error = (answer.error ?? 'failed').slice(0, 255);
    await this.dataSource.query(
      `UPDATE callback_deliveries SET status = ?, attempts = ?, last_attempt_at = ?,
              last_status_code = ?, last_error = ?, next_attempt_at = ?, finished_at = ?
        WHERE id = ? AND status = 'pending'`,
      [next ? 'pending' : 'failed', attempts, now, code, error, next, next ? null : now, c.id],
    );
    if (next) this.wakeups.wake(c.id, attempts + 1, next.getTime() - now.getTime());
    this.logger.warn(
      `callback ${c.id} to ${target.program}/${target.participant}: ${error} (attempt ${attempts}, ` +
        (next ? `next at ${next.toISOString()})` : 'giving up)'),
    );
  }

  /** The participant's live callback with its signing keys, or null when callbacks are off. */
  private async targetOf(participantId: number): Promise<Target | null> {
    const [row]: {
      url: string;
      sealed_secret: Buffer;
      previous_sealed_secret: Buffer | null;
      previous_valid_until: Date | null;
    }[] = await this.dataSource.query(
      `SELECT url, sealed_secret, previous_sealed_secret, previous_valid_until
         FROM participant_callbacks WHERE participant_id = ? AND disabled_at IS NULL`,
      [participantId],
    );
    const scope = row && (await participantScope(this.dataSource, participantId));
    if (!row || !scope) return null;
    const sealed: [string, Buffer][] = [['callback_secret', row.sealed_secret]];
    if (
      row.previous_sealed_secret &&
      row.previous_valid_until &&
      row.previous_valid_until > new Date()
    )
      sealed.push(['callback_previous_secret', row.previous_sealed_secret]);
    const keys: string[] = [];
    for (const [kind, secret] of sealed) {
      try {
        keys.push(this.keyring.openText(secret));
      } catch (err) {
        if (!(err instanceof SecretUnreadable)) throw err;
        this.unreadable.report(kind, String(participantId), err);
      }
    }
    // Nothing to sign with: the delivery waits (its lease runs out) until the keyring is fixed.
    if (keys.length === 0) throw new CallbackUnsignable(participantId);
    return { url: row.url, keys, program: scope.program, participant: scope.participant };
  }

  private async payload(deliveryId: string, target: Target): Promise<CallbackPayload> {
    const items: { inbox_event_id: string }[] = await this.dataSource.query(
      'SELECT inbox_event_id FROM callback_delivery_events WHERE delivery_id = ?',
      [deliveryId],
    );
    return {
      type: 'events.decided',
      program: target.program,
      operator: target.participant,
      results: await eventResults(
        this.dataSource,
        items.map((i) => String(i.inbox_event_id)),
      ),
    };
  }
}
