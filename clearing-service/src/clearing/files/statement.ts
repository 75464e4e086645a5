import { csvLine, yuan } from './csv';
import { codeOf, type CycleFacts, PLATFORM } from './cycle-facts';
import { reserveCamt053, reserveCsv, reserveJson } from './reserve-statement';
import type { ReserveMovement } from '../../funding/services/reserve-store';

/** One booked line of a participant's statement: an obligation seen from its side, or a fee. */
export interface StatementEntry {
  ref: string;
  role: 'merchant' | 'issuer' | 'fee' | 'platform_fee';
  counterparty: string;
  points: bigint;
  /** Signed, from the participant's side: credited when positive. */
  amountFen: bigint;
}

export interface Statement {
  id: string;
  participant: string;
  entries: StatementEntry[];
  credits: { count: number; sumFen: bigint };
  debits: { count: number; sumFen: bigint };
  closingFen: bigint;
  instruction: { direction: 'PAY' | 'RECEIVE'; amountFen: bigint; method: string } | null;
  /** A prepaid operator's reserve up to the cycle's draw (reserve-statement.ts). */
  reserve: ReserveMovement | null;
}

/** The participant's side of the cycle: one entry per obligation it is in, and each fee its own. */
export function statementOf(facts: CycleFacts, participantId: number): Statement {
  const participant = codeOf(facts, participantId);
  const entries: StatementEntry[] = [];
  for (const o of facts.obligations) {
    const merchant = codeOf(facts, o.merchantId);
    const issuer = codeOf(facts, o.issuerId);
    const ref = `${facts.seq}:${merchant}:${issuer}`;
    if (o.merchantId === participantId) {
      entries.push({
        ref,
        role: 'merchant',
        counterparty: issuer,
        points: o.netPoints,
        amountFen: o.grossFen,
      });
      if (o.feeFen !== BigInt(0))
        entries.push({
          ref: `${ref}:fee`,
          role: 'fee',
          counterparty: 'platform',
          points: BigInt(0),
          amountFen: -o.feeFen,
        });
    }
    if (o.issuerId === participantId)
      entries.push({
        ref,
        role: 'issuer',
        counterparty: merchant,
        points: -o.netPoints,
        amountFen: -o.grossFen,
      });
    if (participantId === PLATFORM && o.feeFen !== BigInt(0))
      entries.push({
        ref: `${ref}:fee`,
        role: 'platform_fee',
        counterparty: merchant,
        points: BigInt(0),
        amountFen: o.feeFen,
      });
  }
  const credits = { count: 0, sumFen: BigInt(0) };
  const debits = { count: 0, sumFen: BigInt(0) };
  for (const e of entries) {
    const side = e.amountFen < BigInt(0) ? debits : credits;
    side.count++;
    side.sumFen += e.amountFen < BigInt(0) ? -e.amountFen : e.amountFen;
  }
  const position = facts.positions.find((p) => p.participantId === participantId);
  const closingFen = credits.sumFen - debits.sumFen;
  if (position && position.netFen !== closingFen)
    throw new Error(
      `${participant}'s statement closes at ${closingFen} fen, its position at ${position.netFen}`,
    );
  return {
    id: `${facts.program}/${facts.seq}/${participant}`,
    participant,
    entries,
    credits,
    debits,
    closingFen,
    instruction:
      closingFen === BigInt(0)
        ? null
        : {
            direction: closingFen > BigInt(0) ? 'RECEIVE' : 'PAY',
            amountFen: closingFen > BigInt(0) ? closingFen : -closingFen,
            method: position?.method ?? 'bank',
          },
    reserve: facts.reserves?.get(participantId) ?? null,
  };
}

export function statementJson(facts: CycleFacts, s: Statement): string {
  const fen = (v: bigint) => String(v);
  return `${JSON.stringify(
    {
      statement: {
        id: s.id,
        sequence: facts.seq,
        program: facts.program,
        participant: s.participant,
        period: { from: facts.openedAt.toISOString(), to: facts.closedAt.toISOString() },
        tradeDate: facts.tradeDate,
        valueDate: facts.valueDate,
        currency: 'CNY',
        fenPerPoint: facts.fenPerPoint,
        openingBalanceFen: '0',
        closingBalanceFen: fen(s.closingFen),
        totals: {
          credits: { count: s.credits.count, sumFen: fen(s.credits.sumFen) },
          debits: { count: s.debits.count, sumFen: fen(s.debits.sumFen) },
        },
        entries: s.entries.map((e) => ({
          ref: e.ref,
          role: e.role,
          counterparty: e.counterparty,
          points: fen(e.points),
          amountFen: fen(e.amountFen),
          direction: e.amountFen < BigInt(0) ? 'DBIT' : 'CRDT',
        })),
        instruction: s.instruction && {
          direction: s.instruction.direction,
          amountFen: fen(s.instruction.amountFen),
          method: s.instruction.method,
          valueDate: facts.valueDate,
        },
        ...reserveJson(s.reserve),
      },
    },
    null,
    2,
  )}\n`;
}

export function statementCsv(facts: CycleFacts, s: Statement): string {
  let out =
    csvLine(['statement', 'sequence', 'participant', 'trade_date', 'value_date', 'currency']) +
    csvLine([s.id, facts.seq, s.participant, facts.tradeDate, facts.valueDate, 'CNY']) +
    csvLine(['ref', 'role', 'counterparty', 'points', 'amount_fen', 'direction']);
  for (const e of s.entries)
    out += csvLine([
      e.ref,
      e.role,
      e.counterparty,
      e.points,
      e.amountFen,
      e.amountFen < BigInt(0) ? 'DBIT' : 'CRDT',
    ]);
  return (
    out +
    csvLine([
      'TOTAL',
      'credits',
      s.credits.count,
      s.credits.sumFen,
      'debits',
      s.debits.count,
      s.debits.sumFen,
    ]) +
    csvLine(['CLOSING', s.closingFen]) +
    reserveCsv(s.reserve)
  );
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** ISO 20022 camt.053.001.08: one Stmt, opening and closing balances, one Ntry per entry. */
export function statementCamt053(facts: CycleFacts, s: Statement): string {
  const amount = (fen: bigint) => `<Amt Ccy="CNY">${yuan(fen)}</Amt>`;
  const side = (fen: bigint) => `<CdtDbtInd>${fen < BigInt(0) ? 'DBIT' : 'CRDT'}</CdtDbtInd>`;
  const balance = (code: 'OPBD' | 'CLBD', fen: bigint, date: string) =>
    `      <Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>${amount(fen)}${side(fen)}<Dt><Dt>${date}</Dt></Dt></Bal>\n`;
  const entries = s.entries
    .map(
      (e) =>
        `      <Ntry><NtryRef>${xml(e.ref)}</NtryRef>${amount(e.amountFen)}${side(e.amountFen)}` +
        `<Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>${facts.tradeDate}</Dt></BookgDt><ValDt><Dt>${facts.valueDate}</Dt></ValDt>` +
        `<NtryDtls><TxDtls><Refs><EndToEndId>${xml(e.ref)}</EndToEndId></Refs>` +
        `<AddtlTxInf>${xml(`${e.role} ${e.counterparty} ${e.points} points`)}</AddtlTxInf></TxDtls></NtryDtls></Ntry>\n`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">\n' +
    '  <BkToCstmrStmt>\n' +
    `    <GrpHdr><MsgId>${xml(s.id)}</MsgId><CreDtTm>${facts.closedAt.toISOString()}</CreDtTm></GrpHdr>\n` +
    '    <Stmt>\n' +
    `      <Id>${xml(s.id)}</Id><ElctrncSeqNb>${facts.seq}</ElctrncSeqNb>\n` +
    `      <FrToDt><FrDtTm>${facts.openedAt.toISOString()}</FrDtTm><ToDtTm>${facts.closedAt.toISOString()}</ToDtTm></FrToDt>\n` +
    `      <Acct><Id><Othr><Id>${xml(`${facts.program}/${s.participant}`)}</Id></Othr></Id><Ccy>CNY</Ccy></Acct>\n` +
    balance('OPBD', BigInt(0), facts.tradeDate) +
    balance('CLBD', s.closingFen, facts.tradeDate) +
    `      <TxsSummry><TtlCdtNtries><NbOfNtries>${s.credits.count}</NbOfNtries><Sum>${yuan(s.credits.sumFen)}</Sum></TtlCdtNtries>` +
    `<TtlDbtNtries><NbOfNtries>${s.debits.count}</NbOfNtries><Sum>${yuan(s.debits.sumFen)}</Sum></TtlDbtNtries></TxsSummry>\n` +
    entries +
    '    </Stmt>\n' +
    reserveCamt053(facts, s.id, s.participant, s.reserve) +
    '  </BkToCstmrStmt>\n' +
    '</Document>\n'
  );
}
