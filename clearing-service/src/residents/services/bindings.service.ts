import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan, Repository } from 'typeorm';
import { isDuplicateKey } from '../../database/mysql-errors';
import { notAnOperator } from '../../tenancy/tenancy-errors';
import { participantCodes } from '../../tenancy/services/participants-store';
import { bindingTokenInvalid, userAlreadyBound } from '../residents-errors';
import { QueueName } from '../../queue/queue-name';
import { QueueProducer } from '../../queue/queue-producer';
import type { Participant } from '../../tenancy/entities/participant.entity';
import { BINDING_CREATED_JOB, BindingCreatedJob } from '../bindings/binding-created.job';
import { BindingToken } from '../entities/binding-token.entity';
import { ResidentBinding } from '../entities/resident-binding.entity';
import { mintToken, parseToken, secretMatches } from '../../tenancy/access/bearer-token';

/** A binding token is short-lived: the operator shows it, the resident scans it right away. */
export const BINDING_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

export interface IssuedBindingToken {
  /** `bt_<id>.<secret>`, shown once to the operator; only the secret's hash is stored. */
  token: string;
  expiresAt: Date;
}

/** A binding as the resident sees it. */
export interface BoundAccount {
  operatorCode: string;
  externalUserId: string;
  boundAt: Date;
}

/** The resident redeeming a token: who, and in which program. */
export interface Redeemer {
  residentId: number;
  programId: number;
}

interface BindingRow {
  participant_id: number;
  external_user_id: string;
  created_at: Date;
}

/** Operators vouch for their users with one-time tokens; residents redeem them into bindings. */
@Injectable()
export class BindingsService {
  private readonly logger = new Logger('residents');

  constructor(
    @InjectRepository(BindingToken) private readonly tokens: Repository<BindingToken>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
  ) {}

  async issueToken(operator: Participant, externalUserId: string): Promise<IssuedBindingToken> {
    if (!operator.isOperator) {
      throw notAnOperator(operator.code, 'only operators bind their users');
    }
    const minted = mintToken('bt');
    const expiresAt = new Date(Date.now() + BINDING_TOKEN_LIFETIME_MS);
    await this.tokens.insert({
      id: minted.id,
      programId: operator.programId,
      participantId: operator.id,
      externalUserId,
      secretHash: minted.secretHash,
      expiresAt,
      usedAt: null,
    });
    return { token: minted.token, expiresAt };
  }

  /**
   * Uses the token once and binds its (operator, external user) to the resident. Redeeming a pair
   * already bound to this resident answers that binding; bound to another resident, 409.
   */
  async redeem(redeemer: Redeemer, token: string): Promise<BoundAccount> {
    const parsed = parseToken('bt', token);
    if (!parsed) throw bindingTokenInvalid();
    const { binding, created } = await this.dataSource.transaction((em) =>
      this.bindInTransaction(em, redeemer, parsed),
    );
    // After the commit, never before: the consumer must find the binding when it runs. Not waited
    // for: a queue created while Redis is away waits for it, and the sweeper finds the events anyway.
    if (created) void this.announce(binding);
    return this.boundAccount(binding.id);
  }

  async list(residentId: number): Promise<BoundAccount[]> {
    return this.boundAccounts(
      await this.dataSource.query(
        `${BOUND_ACCOUNTS} WHERE b.resident_id = ? ORDER BY b.created_at, b.id`,
        [residentId],
      ),
    );
  }

  private async bindInTransaction(
    em: EntityManager,
    redeemer: Redeemer,
    parsed: { id: string; secret: string },
  ): Promise<{ binding: ResidentBinding; created: boolean }> {
    const now = new Date();
    const token = await em.findOne(BindingToken, {
      select: { id: true, participantId: true, externalUserId: true, secretHash: true },
      where: {
        id: parsed.id,
        programId: redeemer.programId,
        usedAt: IsNull(),
        expiresAt: MoreThan(now),
      },
    });
    if (!token || !secretMatches(parsed.secret, token.secretHash)) throw bindingTokenInvalid();

    // The conditional UPDATE is what makes the token single-use: a concurrent redeem waits on the
    // row lock, then finds used_at set and updates nothing.
    const claimed = await em.update(
      BindingToken,
      { id: token.id, usedAt: IsNull(), expiresAt: MoreThan(now) },
      { usedAt: now },
    );
    if (claimed.affected !== 1) throw bindingTokenInvalid();

    const pair = { participantId: token.participantId, externalUserId: token.externalUserId };
    try {
      const inserted = await em.insert(ResidentBinding, {
        ...pair,
        programId: redeemer.programId,
        residentId: redeemer.residentId,
      });
      const id = (inserted.identifiers[0] as { id: number }).id;
      return { binding: await em.findOneByOrFail(ResidentBinding, { id }), created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // The pair is bound already. A locking read sees the latest commit (a plain read would see
    // this transaction's older snapshot and could miss a binding made a moment ago).
    const existing = await em.findOneOrFail(ResidentBinding, {
      where: pair,
      lock: { mode: 'pessimistic_write' },
    });
    if (existing.residentId !== redeemer.residentId) {
      // Rolls the whole redeem back: the token stays unused and nothing is written.
      throw userAlreadyBound();
    }
    return { binding: existing, created: false };
  }

  /** Wakes the crediting of events that waited for this binding. Redis trouble never fails or delays the redeem. */
  private async announce(binding: ResidentBinding): Promise<void> {
    const job: BindingCreatedJob = {
      programId: binding.programId,
      participantId: binding.participantId,
      externalUserId: binding.externalUserId,
      residentId: binding.residentId,
    };
    try {
      await this.producer.add(QueueName.Bindings, BINDING_CREATED_JOB, job, {
        jobId: `binding-${binding.id}`,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: true,
        removeOnFail: 1000,
      });
    } catch (err) {
      this.logger.warn(
        `could not queue ${BINDING_CREATED_JOB} for binding ${binding.id}: ${(err as Error).message}`,
      );
    }
  }

  private async boundAccount(bindingId: number): Promise<BoundAccount> {
    const [account] = await this.boundAccounts(
      await this.dataSource.query(`${BOUND_ACCOUNTS} WHERE b.id = ?`, [bindingId]),
    );
    return account;
  }

  /** Bindings as the resident sees them: with their operators' codes. */
  private async boundAccounts(rows: BindingRow[]): Promise<BoundAccount[]> {
    const codes = await participantCodes(this.dataSource, [
      ...new Set(rows.map((r) => r.participant_id)),
    ]);
    return rows.map((r) => ({
      operatorCode: codes.get(r.participant_id)!,
      externalUserId: r.external_user_id,
      boundAt: r.created_at,
    }));
  }
}

const BOUND_ACCOUNTS =
  'SELECT b.participant_id, b.external_user_id, b.created_at FROM resident_bindings b';
