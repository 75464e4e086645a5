import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  cancellationsByReference,
  entriesOutsideCycles,
  fileLeaves,
} from '../../read-models/cycle-evidence';
import type { Program } from '../../tenancy/entities/program.entity';
import { statementOf } from '../files/statement';
import { cycleFiles } from './cycle-files';
import { checkHolds } from './cycle-holds-check';
import { CycleSteps } from './cycle-steps';
import { cycleBySeq } from './cycles-store';
import { fileContent, filesOf } from './files-store';
import { sumPairs } from './obligations-store';

export interface CycleCheckResult {
  ok: boolean;
  /** What was checked, one line each; the first failure ends the check. */
  checked: string[];
  failure: string | null;
  /**
   * Each merchant's figures from the sub-ledger (its lines and net points) and its obligations (its
   * net fen): what its reconciliation file's END trailer must say. Empty when a check failed first.
   */
  merchants: MerchantFigures[];
}

export interface MerchantFigures {
  merchant: string;
  lines: number;
  points: string;
  netFen: string;
}

/**
 * The invariants of one cleared cycle (issue 13's I1–I9), on demand (`ledger:check
 * --cycle N`): each pair's 注销 equals its obligation and its lines; the positions sum to zero and
 * each statement closes at its position; every stored file's hash is its leaf's, and the files made
 * again from the rows are the same bytes; no line of the sub-ledger is outside a cycle; then the points behind it (checkHolds: I6, I5, I9, I4).
 */
@Injectable()
export class CycleCheck {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly steps: CycleSteps,
  ) {}

  async run(program: Program, seq: number): Promise<CycleCheckResult> {
    const checked: string[] = [];
    const fail = (failure: string): CycleCheckResult => ({
      ok: false,
      checked,
      failure,
      merchants: [],
    });
    const cycle = await cycleBySeq(this.db, program.id, seq);
    if (!cycle) return fail(`no cycle ${seq} in ${program.code}`);
    if (!['issued', 'settling', 'settled'].includes(cycle.state))
      return fail(`cycle ${seq} is ${cycle.state}: only an issued cycle can be checked`);
    const facts = await this.steps.factsOf(this.db.manager, program, cycle);
    const code = (id: number) => facts.codes.get(id) ?? String(id);

    // I1: per pair, the lines = the obligation = the cancellation.
    const lines = new Map(
      (await sumPairs(this.db, program.id, seq)).map((p) => [`${p.merchantId}|${p.issuerId}`, p]),
    );
    const reference = (o: { merchantId: number; issuerId: number }) =>
      `cancellation:${seq}:${code(o.merchantId)}:${code(o.issuerId)}`;
    const cancellations = await cancellationsByReference(
      this.db,
      program.id,
      facts.obligations.map(reference),
    );
    const leaves = new Map<string, number>();
    for (const o of facts.obligations) {
      const pair = `${code(o.merchantId)} × ${code(o.issuerId)}`;
      if (lines.get(`${o.merchantId}|${o.issuerId}`)?.netPoints !== o.netPoints)
        return fail(`I1: ${pair}'s obligation is not the sum of its lines`);
      const c = cancellations.get(reference(o));
      if ((c?.points ?? BigInt(0)) !== o.netPoints)
        return fail(
          `I1: ${pair}'s 注销 is ${c?.points ?? 'missing'}, its obligation ${o.netPoints}`,
        );
      if (c && c.leafIndex === null) return fail(`I1: ${pair}'s 注销 has no audit leaf`);
      if (c) leaves.set(`${o.merchantId}|${o.issuerId}`, c.leafIndex!);
    }
    if (lines.size !== facts.obligations.length)
      return fail('I1: the sub-ledger has pairs the obligations lack');
    checked.push(`I1 ${facts.obligations.length} pairs: lines = obligation = 注销`);

    // I2: Σ net = 0, each statement closes at its position.
    const total = facts.positions.reduce((s, p) => s + p.netFen, BigInt(0));
    if (total !== BigInt(0)) return fail(`I2: the net positions sum to ${total} fen`);
    for (const p of facts.positions) {
      try {
        statementOf(facts, p.participantId);
      } catch (err) {
        return fail(`I2: ${(err as Error).message}`);
      }
    }
    checked.push(`I2 ${facts.positions.length} positions sum to 0 and close their statements`);

    // I3: the stored file = its hash = its leaf's hash. I8: made again, the same bytes.
    const stored = await filesOf(this.db, cycle.id, null);
    const fileLeafOf = await fileLeaves(
      this.db,
      program.id,
      stored.map((f) => f.id),
    );
    const byName = new Map(stored.map((f) => [f.name, f]));
    for (const f of stored) {
      const content = (await fileContent(this.db, cycle.id, f.id))!.content;
      if (createHash('sha256').update(content).digest('hex') !== f.sha256)
        return fail(`I3: ${f.name}'s bytes do not hash to its stored SHA-256`);
      if (fileLeafOf.get(f.id)?.body.sha256 !== f.sha256)
        return fail(`I3: ${f.name}'s audit leaf does not carry its SHA-256`);
    }
    checked.push(`I3 ${stored.length} files: bytes = stored hash = audit leaf`);
    let made = 0;
    for await (const file of cycleFiles(this.db, program.id, facts, leaves)) {
      const hash = createHash('sha256').update(file.content, 'utf8').digest('hex');
      if (byName.get(file.name)?.sha256 !== hash)
        return fail(`I8: ${file.name} made again differs from the stored one`);
      made++;
    }
    if (made !== stored.length)
      return fail(`I8: ${made} files made again, ${stored.length} stored`);
    checked.push(`I8 ${made} files made again from the rows: the same bytes`);

    // I7: every line of the sub-ledger is stamped with a cycle that exists.
    const outside = await entriesOutsideCycles(this.db, program.id);
    if (outside > 0) return fail(`I7: ${outside} capture or refund lines name no cycle`);
    checked.push('I7 every capture and refund line is in exactly one cycle');

    // I6, I5, I9, I4: the points behind the cycle (cycle-holds-check.ts).
    const holds = await checkHolds(this.db, program.id, cycle);
    checked.push(...holds.checked);
    if (holds.failure) return fail(holds.failure);
    return { ok: true, checked, failure: null, merchants: merchantFigures(facts, lines, code) };
  }
}

/** Per merchant: the sub-ledger's lines and net points, the obligations' net fen (gross − fee). */
function merchantFigures(
  facts: { obligations: readonly { merchantId: number; grossFen: bigint; feeFen: bigint }[] },
  lines: ReadonlyMap<
    string,
    { merchantId: number; captures: number; refunds: number; netPoints: bigint }
  >,
  code: (id: number) => string,
): MerchantFigures[] {
  const byMerchant = new Map<number, { lines: number; points: bigint; netFen: bigint }>();
  const of = (id: number) => {
    if (!byMerchant.has(id)) byMerchant.set(id, { lines: 0, points: BigInt(0), netFen: BigInt(0) });
    return byMerchant.get(id)!;
  };
  for (const pair of lines.values()) {
    const m = of(pair.merchantId);
    m.lines += pair.captures + pair.refunds;
    m.points += pair.netPoints;
  }
  for (const o of facts.obligations) of(o.merchantId).netFen += o.grossFen - o.feeFen;
  return [...byMerchant.entries()].map(([id, m]) => ({
    merchant: code(id),
    lines: m.lines,
    points: String(m.points),
    netFen: String(m.netFen),
  }));
}
