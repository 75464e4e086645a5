import { csvLine } from './csv';
import { codeOf, type CycleFacts } from './cycle-facts';

/** The cycle's settlement instructions, hub and spoke: one per participant whose net is not zero. */
export function instructionsCsv(facts: CycleFacts): string {
  let out = csvLine([
    'instruction_id',
    'cycle',
    'participant',
    'direction',
    'amount_fen',
    'value_date',
    'method',
  ]);
  for (const p of facts.positions) {
    if (p.netFen === BigInt(0)) continue;
    const participant = codeOf(facts, p.participantId);
    out += csvLine([
      `${facts.program}/${facts.seq}/${participant}`,
      facts.seq,
      participant,
      p.netFen > BigInt(0) ? 'RECEIVE' : 'PAY',
      p.netFen > BigInt(0) ? p.netFen : -p.netFen,
      facts.valueDate,
      p.method === 'prepaid_reserve' ? 'PREPAID_RESERVE' : 'BANK',
    ]);
  }
  return out;
}

/**
 * The bureau's 注销 report of one issuer for the cycle: the points its merchants' captures
 * cancelled, those the cycle's refunds reinstated, the net, per merchant, and the audit leaves of
 * the cancellations (the first signed checkpoint larger than the last holds them all).
 */
export function cancellationReport(
  facts: CycleFacts,
  issuerId: number,
  leaves: ReadonlyMap<number, number>,
): string {
  const lines = facts.obligations.filter((o) => o.issuerId === issuerId);
  const sum = (f: (o: (typeof lines)[number]) => bigint) =>
    String(lines.reduce((s, o) => s + f(o), BigInt(0)));
  return `${JSON.stringify(
    {
      cancellationReport: {
        program: facts.program,
        cycle: facts.seq,
        issuer: codeOf(facts, issuerId),
        tradeDate: facts.tradeDate,
        cancelledPoints: sum((o) => o.capturedPoints),
        reinstatedPoints: sum((o) => o.refundedPoints),
        netPoints: sum((o) => o.netPoints),
        lines: lines.map((o) => ({
          merchant: codeOf(facts, o.merchantId),
          cancelledPoints: String(o.capturedPoints),
          reinstatedPoints: String(o.refundedPoints),
          netPoints: String(o.netPoints),
          auditLeaf: leaves.get(o.merchantId) ?? null,
        })),
      },
    },
    null,
    2,
  )}\n`;
}
