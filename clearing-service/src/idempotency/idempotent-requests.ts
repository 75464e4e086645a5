import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { canonicalJson } from '@tanlian/sdk';
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { retryOnDeadlock } from '../database/deadlock-retry';
import type { SqlRunner } from '../database/sql';
import { DomainError, FieldError, ReplayedFailure, RetryLaterError } from '../http/domain-error';
import { describeError } from '../http/http-exception.filter';
import { IdempotencyKeyInUse, idempotencyKeyReused } from './idempotency-errors';

/** How long an answer is kept for replays (Stripe keeps 24 h); older keys may be used afresh. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** How long a request in flight holds its key; a retry then takes over one whose process died. */
const IN_FLIGHT_SECONDS = 30;
/** A key free to take over: past retention, or in flight with its lock run out. */
const STALE = `created_at < NOW(3) - INTERVAL ${IDEMPOTENCY_RETENTION_HOURS} HOUR
  OR (state = 'started' AND locked_until < NOW(3))`;

/** One request under an Idempotency-Key. */
export interface IdempotentCall {
  /** Who sent it (tenancy/access/principal.ts principalScope): keys never cross principals. */
  readonly scope: string;
  /** Method and path: keys never cross routes (a capture of hold A is not one of hold B). */
  readonly route: string;
  readonly key: string;
  /** The request as validated; the same key with another request is refused. */
  readonly request: unknown;
}

export interface IdempotentAnswer<T> {
  readonly body: T;
  /** Answered from the stored answer of an earlier request with the key. */
  readonly replayed: boolean;
}

interface KeyRow {
  request_hash: Buffer;
  state: 'started' | 'done';
  response_status: number | null;
  response_body: string | null;
}

/**
 * Stripe's idempotency (README): the first request with a key runs, and its answer — a success or
 * a business failure such as `insufficient_points` — is stored in the same transaction as its
 * effect, so an effect never exists without its answer. The same key with the same request then
 * gets that answer again (`replayed`); with another request, 409 `idempotency_key_reused`; while
 * the first is in flight, 409 `idempotency_key_in_use` with Retry-After. Bad input (422
 * `validation_failed`), outages (503) and bugs store nothing: a retry runs afresh.
 */
@Injectable()
export class IdempotentRequests {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Runs `handler` in a transaction under the key, or answers from the key's stored answer.
   * `status`: the route's success status, stored with the answer.
   */
  async run<T>(
    call: IdempotentCall,
    handler: (db: EntityManager) => Promise<T>,
    status = 201,
  ): Promise<IdempotentAnswer<T>> {
    const hash = fingerprint(call);
    const earlier = await this.claim(call, hash);
    if (earlier !== null) return { body: answerOf<T>(earlier, hash), replayed: true };
    try {
      const body = await retryOnDeadlock(() =>
        this.db.transaction(async (db) => {
          const answer = await handler(db);
          await this.complete(db, call, status, answer);
          return answer;
        }),
      );
      return { body, replayed: false };
    } catch (err) {
      if (isAnswer(err)) {
        // The failure changed nothing (its transaction rolled back): it is the operation's answer.
        const { status: failed, body } = describeError(err);
        await this.complete(this.db, call, failed, body).catch(() => undefined);
      } else {
        await this.release(call).catch(() => undefined); // the lock would run out anyway
      }
      throw err;
    }
  }

  /**
   * Takes the key for this request: null when it is this request's to run, else the row of the
   * earlier request (done, or still in flight). A row past retention, or one in flight whose
   * lock ran out (its process died; its transaction rolled back), is taken over.
   */
  private async claim(call: IdempotentCall, hash: Buffer): Promise<KeyRow | null> {
    const key = [call.scope, call.route, call.key];
    // Each statement on its own (autocommit): no lock outlives it, so ten retries at once queue
    // for a moment and never deadlock on the row.
    const inserted: { affectedRows: number } = await this.db.query(
      `INSERT IGNORE INTO idempotency_keys
         (scope, route, idempotency_key, request_hash, state, locked_until, created_at)
       VALUES (?, ?, ?, ?, 'started', NOW(3) + INTERVAL ${IN_FLIGHT_SECONDS} SECOND, NOW(3))`,
      [...key, hash],
    );
    if (inserted.affectedRows === 1) return null;
    const taken: { affectedRows: number } = await this.db.query(
      `UPDATE idempotency_keys SET request_hash = ?, state = 'started',
              locked_until = NOW(3) + INTERVAL ${IN_FLIGHT_SECONDS} SECOND,
              response_status = NULL, response_body = NULL, created_at = NOW(3)
        WHERE scope = ? AND route = ? AND idempotency_key = ? AND (${STALE})`,
      [hash, ...key],
    );
    if (taken.affectedRows === 1) return null;
    const [row]: KeyRow[] = await this.db.query(
      `SELECT request_hash, state, response_status, response_body FROM idempotency_keys
        WHERE scope = ? AND route = ? AND idempotency_key = ?`,
      key,
    );
    // Swept between the statements: the key is free again.
    return row ?? this.claim(call, hash);
  }

  /** Stores the answer of the request that holds the key; refuses if it no longer holds it. */
  private async complete(
    db: SqlRunner,
    call: IdempotentCall,
    status: number,
    body: unknown,
  ): Promise<void> {
    const result: { affectedRows: number } = await db.query(
      `UPDATE idempotency_keys SET state = 'done', locked_until = NULL,
              response_status = ?, response_body = ?
        WHERE scope = ? AND route = ? AND idempotency_key = ? AND state = 'started'`,
      [status, JSON.stringify(body ?? null), call.scope, call.route, call.key],
    );
    // Its lock ran out while it ran and a retry took the key over: this one's effect rolls back.
    if (result.affectedRows !== 1) throw new IdempotencyKeyInUse();
  }

  private async release(call: IdempotentCall): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys
        WHERE scope = ? AND route = ? AND idempotency_key = ? AND state = 'started'`,
      [call.scope, call.route, call.key],
    );
  }
}

function fingerprint(call: IdempotentCall): Buffer {
  return createHash('sha256')
    .update(canonicalJson(call.request ?? null), 'utf8')
    .digest();
}

/** The earlier request's answer for this one, or why there is none to give. */
function answerOf<T>(row: KeyRow, hash: Buffer): T {
  if (!row.request_hash.equals(hash)) throw idempotencyKeyReused();
  if (row.state === 'started') throw new IdempotencyKeyInUse();
  const body = JSON.parse(row.response_body ?? 'null') as unknown;
  const status = row.response_status ?? 200;
  if (status >= 400) throw new ReplayedFailure(status, body as Record<string, unknown>);
  return body as T;
}

/** A failure that is the operation's answer: a business outcome, not bad input or an outage. */
function isAnswer(err: unknown): boolean {
  return (
    err instanceof DomainError &&
    !(err instanceof RetryLaterError) &&
    !(err instanceof FieldError) &&
    err.code !== 'validation_failed'
  );
}
