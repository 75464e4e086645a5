import type { ReserveMovement } from '../../funding/services/reserve-store';
import { csvLine, yuan } from './csv';
import type { CycleFacts } from './cycle-facts';

// A prepaid operator's reserve on its statement: the balance after its previous cycle's draw, the
// top-ups booked since, this cycle's draw and the balance after it. Pure, like every file.

const fen = (v: bigint) => String(v);

/** The `reserve` member of the JSON statement; nothing for a participant without a reserve. */
export function reserveJson(m: ReserveMovement | null): { reserve?: object } {
  if (!m) return {};
  return {
    reserve: {
      openingBalanceFen: fen(m.openingFen),
      topUps: m.topUps.map((t) => ({
        reference: t.reference,
        at: t.at.toISOString(),
        points: fen(t.points),
        fenPerPoint: t.fenPerPoint,
        amountFen: fen(t.amountFen),
      })),
      drawFen: fen(m.drawFen),
      closingBalanceFen: fen(m.closingFen),
    },
  };
}

/** The CSV statement's reserve lines, after its CLOSING line. */
export function reserveCsv(m: ReserveMovement | null): string {
  if (!m) return '';
  return (
    csvLine(['RESERVE_OPENING', m.openingFen]) +
    m.topUps
      .map((t) =>
        csvLine(['RESERVE_TOP_UP', t.reference, t.at.toISOString(), t.points, t.amountFen]),
      )
      .join('') +
    csvLine(['RESERVE_DRAW', m.drawFen]) +
    csvLine(['RESERVE_CLOSING', m.closingFen])
  );
}

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The reserve as a second camt.053 `Stmt` (its own account, `<program>/<participant>/reserve`):
 * OPBD and CLBD balances, a CRDT entry per top-up and a DBIT entry for the draw.
 */
export function reserveCamt053(
  facts: CycleFacts,
  id: string,
  participant: string,
  m: ReserveMovement | null,
): string {
  if (!m) return '';
  const amount = (v: bigint) => `<Amt Ccy="CNY">${yuan(v)}</Amt>`;
  const side = (v: bigint) => `<CdtDbtInd>${v < BigInt(0) ? 'DBIT' : 'CRDT'}</CdtDbtInd>`;
  const balance = (code: 'OPBD' | 'CLBD', v: bigint) =>
    `      <Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp>${amount(v)}${side(v)}<Dt><Dt>${facts.tradeDate}</Dt></Dt></Bal>\n`;
  const entry = (ref: string, v: bigint, date: string, info: string) =>
    `      <Ntry><NtryRef>${xml(ref)}</NtryRef>${amount(v)}${side(v)}<Sts><Cd>BOOK</Cd></Sts>` +
    `<BookgDt><Dt>${date}</Dt></BookgDt><NtryDtls><TxDtls><Refs><EndToEndId>${xml(ref)}</EndToEndId></Refs>` +
    `<AddtlTxInf>${xml(info)}</AddtlTxInf></TxDtls></NtryDtls></Ntry>\n`;
  const credited = m.topUps.reduce((s, t) => s + t.amountFen, BigInt(0));
  return (
    '    <Stmt>\n' +
    `      <Id>${xml(`${id}/reserve`)}</Id><ElctrncSeqNb>${facts.seq}</ElctrncSeqNb>\n` +
    `      <Acct><Id><Othr><Id>${xml(`${facts.program}/${participant}/reserve`)}</Id></Othr></Id><Ccy>CNY</Ccy></Acct>\n` +
    balance('OPBD', m.openingFen) +
    balance('CLBD', m.closingFen) +
    `      <TxsSummry><TtlCdtNtries><NbOfNtries>${m.topUps.length}</NbOfNtries><Sum>${yuan(credited)}</Sum></TtlCdtNtries>` +
    `<TtlDbtNtries><NbOfNtries>1</NbOfNtries><Sum>${yuan(m.drawFen)}</Sum></TtlDbtNtries></TxsSummry>\n` +
    m.topUps
      .map((t) =>
        entry(
          `top_up:${t.reference}`,
          t.amountFen,
          t.at.toISOString().slice(0, 10),
          `top-up ${t.points} points`,
        ),
      )
      .join('') +
    entry(`draw:${facts.seq}`, -m.drawFen, facts.tradeDate, `cycle ${facts.seq} draw`) +
    '    </Stmt>\n'
  );
}
