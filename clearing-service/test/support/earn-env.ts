import type { INestApplicationContext } from '@nestjs/common';
import {
  parseCheckpoint,
  parseVerifierKey,
  signWebhook,
  verifyNote,
  type NoteVerifierKey,
} from '@tanlian/sdk';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../../src/bootstrap';
import { LedgerCheck } from '../../src/invariants/ledger-check';
import { MethodologySeeder } from '../../src/methodology/services/methodology-seeder';
import { BindingsService } from '../../src/residents/services/bindings.service';
import { ResidentsService } from '../../src/residents/services/residents.service';
import type { Participant } from '../../src/tenancy/entities/participant.entity';
import type { Program } from '../../src/tenancy/entities/program.entity';
import { ParticipantsStore } from '../../src/tenancy/services/participants-store';
import { ProgramsStore } from '../../src/tenancy/services/programs-store';
import { WebhookSecretsService } from '../../src/tenancy/services/webhook-secrets.service';
import { startTestApi, TestApi } from './test-app';

export interface SigningOperator {
  participant: Participant;
  secret: string;
}

/**
 * A program seeded with the Shenzhen methodologies, three operators with webhook secrets (two
 * postpaid, one prepaid with an empty block) and helpers to push signed events and bind residents.
 */
export class EarnEnv {
  worker: INestApplicationContext | null = null;

  private constructor(
    readonly api: TestApi,
    readonly program: Program,
    readonly operators: { metro: SigningOperator; mapApp: SigningOperator; bike: SigningOperator },
  ) {}

  static async start(name: string, env: Record<string, string> = {}): Promise<EarnEnv> {
    const api = await startTestApi(name, env);
    const program = await api.app.get(ProgramsStore).create({
      code: 'shenzhen',
      name: 'Shenzhen test',
      gramsPerPoint: 10,
      fenPerPoint: 1,
      auditHash: 'sha256',
      settlementCycle: 'daily',
    });
    await api.app.get(MethodologySeeder).seedMethodologies(program.id);
    const operator = async (
      code: string,
      fundingMode: 'prepaid' | 'postpaid',
    ): Promise<SigningOperator> => {
      const participant = await api.app
        .get(ParticipantsStore)
        .create(program.id, { code, name: code, roles: ['operator'], fundingMode });
      const issued = await api.app.get(WebhookSecretsService).issue(participant, { scheme: 'v1' });
      return { participant, secret: issued.plaintext! };
    };
    return new EarnEnv(api, program, {
      metro: await operator('metro', 'postpaid'),
      mapApp: await operator('map-app', 'postpaid'),
      bike: await operator('bike', 'prepaid'),
    });
  }

  get db(): DataSource {
    return this.api.app.get(DataSource);
  }

  async startWorker(): Promise<void> {
    this.worker = await createWorkerApp(this.api.db.config);
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.api.close();
  }

  /**
   * POSTs a body signed with the operator's secret (or `signWith`), as an operator's gateway would;
   * to this api, or to the one at `baseUrl` (a built api in a process of its own).
   */
  push(
    op: SigningOperator,
    body: unknown,
    opts: {
      signWith?: string;
      timestamp?: number;
      path?: string;
      rawBody?: string;
      baseUrl?: string;
    } = {},
  ) {
    const raw = opts.rawBody ?? JSON.stringify(body);
    const headers = signWebhook({
      id: `msg_${randomUUID()}`,
      timestamp: opts.timestamp ?? Math.floor(Date.now() / 1000),
      body: raw,
      keys: [opts.signWith ?? op.secret],
    });
    return (opts.baseUrl ? request(opts.baseUrl) : this.api.http())
      .post(
        opts.path ?? `/v1/programs/${this.program.code}/operators/${op.participant.code}/events`,
      )
      .set(headers)
      .set('content-type', 'application/json')
      .send(raw);
  }

  /** A resident (signed in once through WeChat) bound to the operator's user id. */
  async bindResident(openid: string, op: SigningOperator, user: string): Promise<number> {
    const resident = await this.api.app
      .get(ResidentsService)
      .findOrCreate(this.program.id, { openid });
    const { token } = await this.api.app.get(BindingsService).issueToken(op.participant, user);
    await this.api.app
      .get(BindingsService)
      .redeem({ residentId: resident.id, programId: this.program.id }, token);
    return resident.id;
  }

  /** Binds an existing resident to another operator's user id. */
  async bindResidentTo(residentId: number, op: SigningOperator, user: string): Promise<void> {
    const { token } = await this.api.app.get(BindingsService).issueToken(op.participant, user);
    await this.api.app
      .get(BindingsService)
      .redeem({ residentId, programId: this.program.id }, token);
  }

  /** The index the program's next audit leaf will take (0 before the first). */
  async auditHead(programId = this.program.id): Promise<number> {
    const [row] = await this.db.query(
      'SELECT next_index FROM audit_log_heads WHERE program_id = ?',
      [programId],
    );
    return Number(row?.next_index ?? 0);
  }

  /** The tree size of the program's latest signed checkpoint (0 before the first). */
  async signedSize(programId = this.program.id): Promise<number> {
    const [row] = await this.db.query(
      'SELECT MAX(tree_size) AS n FROM audit_checkpoints WHERE program_id = ?',
      [programId],
    );
    return Number(row.n ?? 0);
  }

  /** Waits until every leaf of the program is in a signed checkpoint; returns the size. */
  async sealed(programId = this.program.id, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const head = await this.auditHead(programId);
      if (head > 0 && (await this.signedSize(programId)) === head) return head;
      if (Date.now() > deadline) throw new Error(`leaves not sealed within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The log keys a program publishes (`audit/keys`), as an app would pin them. */
  async auditKeys(code = this.program.code): Promise<NoteVerifierKey[]> {
    const res = await this.api.http().get(`/v1/programs/${code}/audit/keys`).expect(200);
    return res.body.keys.map((k: { vkey: string }) => {
      const parsed = parseVerifierKey(k.vkey);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.key;
    });
  }

  /** A program with no methodologies or operators (only its audit log matters), as a bureau makes it. */
  createProgram(code: string, auditHash: 'sha256' | 'sm3'): Promise<Program> {
    return this.api.app.get(ProgramsStore).create({
      code,
      name: `${code} test`,
      gramsPerPoint: 10,
      fenPerPoint: 1,
      auditHash,
      settlementCycle: 'daily',
    });
  }

  /** The latest checkpoint over HTTP, verified with the published keys, and who signed it. */
  async checkpoint(code = this.program.code) {
    const res = await this.api.http().get(`/v1/programs/${code}/audit/checkpoint`).expect(200);
    const verified = verifyNote(res.text, await this.auditKeys(code));
    if (!verified.ok) throw new Error(verified.reason);
    const parsed = parseCheckpoint(verified.body);
    if (!parsed.ok) throw new Error(parsed.reason);
    return {
      ...parsed.checkpoint,
      signers: verified.signers,
      contentType: res.headers['content-type'],
    };
  }

  /**
   * Waits until no event of the program is `accepted` any more: the worker has processed them all
   * (decided, or left waiting for a binding).
   */
  async processed(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ n }] = await this.db.query(
        "SELECT COUNT(*) AS n FROM inbox_events WHERE status = 'accepted'",
      );
      if (Number(n) === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${n} events still accepted after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async statusOf(
    op: SigningOperator,
    eventId: string,
  ): Promise<{
    status: string;
    reason: string | null;
    reduction_mg: string | null;
    points: string | null;
    overlaps_event_id: string | null;
  }> {
    const [row] = await this.db.query(
      `SELECT e.status, o.reason, o.overlaps_event_id, r.reduction_mg, r.points
         FROM inbox_events e
         LEFT JOIN event_outcomes o ON o.inbox_event_id = e.id
         LEFT JOIN reductions r ON r.inbox_event_id = e.id
        WHERE e.operator_id = ? AND e.event_id = ?`,
      [op.participant.id, eventId],
    );
    return row;
  }

  async ledgerCheck() {
    return new LedgerCheck(this.db).run();
  }

  /** Row counts of every table an event can touch, to prove a refused request wrote nothing. */
  async footprint(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of [
      'inbox_events',
      'event_outcomes',
      'reductions',
      'ledger_transactions',
      'ledger_postings',
      'audit_leaves',
    ]) {
      out[t] = Number((await this.db.query(`SELECT COUNT(*) AS n FROM ${t}`))[0].n);
    }
    return out;
  }
}

/** A metro ride of `km` starting `minutesAgo` minutes ago and lasting `minutes`. */
export function metroRide(
  id: string,
  user: string,
  opts: { distanceM?: number; minutesAgo?: number; minutes?: number; behaviour?: string } = {},
) {
  const start = Date.now() - (opts.minutesAgo ?? 60) * 60_000;
  return {
    id,
    user,
    behaviour: opts.behaviour ?? 'metro',
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + (opts.minutes ?? 20) * 60_000).toISOString(),
    activity: { distanceM: opts.distanceM ?? 12_345 },
  };
}
