import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ParticipantEvents } from '../../callbacks/services/participant-events-writer';
import { retryOnDeadlock } from '../../database/deadlock-retry';
import { issuerBalances } from '../../ledger/services/ledger-store';
import { PeriodicTask } from '../../schedule/periodic-task';
import { allCreditLimits, markCreditLimit } from './credit-limits-store';

/** How often the worker compares postpaid operators' outstanding points with their limits. */
const EVERY_MS = 2_000;

/** Issued − cancelled − expired: the points a postpaid operator has out there. */
export function outstandingPoints(b: {
  mint: bigint;
  block: bigint;
  cancelled: bigint;
  expired: bigint;
}) {
  return -b.mint - b.block - b.cancelled - b.expired;
}

/**
 * The worker's watch on postpaid credit limits: when an operator's outstanding points reach its
 * limit, the limit is marked reached and `funding.credit_limit_reached` is written to its outbox in
 * one transaction (compare-and-swap: once per crossing, however many workers watch); when they are
 * back under it, the mark is cleared and the alert re-armed. Watching out of crediting's path keeps
 * issuance free of another lock; the alert lags by at most a round, and a crossing undone within
 * one round is not reported.
 */
@Injectable()
export class CreditLimitWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('credit-limits');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly events: ParticipantEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(EVERY_MS, (stopping) => this.runOnce(stopping));
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async runOnce(stopping?: AbortSignal): Promise<void> {
    for (const limit of await allCreditLimits(this.db)) {
      if (stopping?.aborted) return;
      const outstanding = outstandingPoints(
        await issuerBalances(this.db, limit.programId, limit.operatorId),
      );
      const reached = outstanding >= limit.limitPoints;
      if (reached === (limit.reachedAt !== null)) continue;
      await retryOnDeadlock(() =>
        this.db.transaction(async (db) => {
          if (!(await markCreditLimit(db, limit.programId, limit.operatorId, reached))) return;
          if (!reached) return;
          await this.events.enqueue(db, {
            programId: limit.programId,
            participantId: limit.operatorId,
            type: 'funding.credit_limit_reached',
            fields: {
              outstandingPoints: String(outstanding),
              creditLimitPoints: String(limit.limitPoints),
            },
          });
        }),
      );
    }
  }
}
