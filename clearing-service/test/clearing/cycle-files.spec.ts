import { createHash } from 'node:crypto';
import type { CycleFacts } from '../../src/clearing/files/cycle-facts';
import { cancellationReport, instructionsCsv } from '../../src/clearing/files/hub-files';
import { reconciliationFile } from '../../src/clearing/files/reconciliation-file';
import { statementCamt053, statementJson, statementOf } from '../../src/clearing/files/statement';

// cafe (1) took 100 of metro's (3) points and refunded 10, and 50 of bus's (4); fee 1 %.
const facts: CycleFacts = {
  program: 'shenzhen',
  seq: 7,
  openedAt: new Date('2026-12-01T16:00:00Z'),
  closedAt: new Date('2026-12-02T16:00:00.050Z'),
  tradeDate: '2026-12-02',
  valueDate: '2026-12-03',
  fenPerPoint: 2,
  codes: new Map([
    [1, 'cafe'],
    [3, 'metro'],
    [4, 'bus'],
  ]),
  obligations: [
    {
      merchantId: 1,
      issuerId: 3,
      captures: 1,
      capturedPoints: 100n,
      refunds: 1,
      refundedPoints: 10n,
      netPoints: 90n,
      grossFen: 180n,
      feeFen: 1n,
    },
    {
      merchantId: 1,
      issuerId: 4,
      captures: 1,
      capturedPoints: 50n,
      refunds: 0,
      refundedPoints: 0n,
      netPoints: 50n,
      grossFen: 100n,
      feeFen: 1n,
    },
  ],
  positions: [
    { participantId: 0, netFen: 2n, method: 'bank' },
    { participantId: 1, netFen: 278n, method: 'bank' },
    { participantId: 3, netFen: -180n, method: 'prepaid_reserve' },
    { participantId: 4, netFen: -100n, method: 'bank' },
  ],
};

const entry = (id: number, issuerId: number, points: number, refundId: string | null = null) => ({
  id,
  issuerId,
  type: refundId ? ('refund' as const) : ('capture' as const),
  points,
  redemptionPublicId: `rd_${String(id).padStart(16, '0')}`,
  merchantOrderId: id === 1 ? 'till "7", lane 2' : null,
  refundId,
  lotExpiresOn: '2027-12-31',
  heldAt: new Date('2026-12-02T03:00:00Z'),
  createdAt: new Date('2026-12-02T03:01:00Z'),
  ledgerTransactionId: 100 + id,
});

describe("a cycle's files", () => {
  const entries = [entry(1, 3, 100), entry(2, 4, 50), entry(3, 3, -10, 'r-1')];

  it('closes a reconciliation file with its counts, sums and the hash of its body', () => {
    const file = reconciliationFile(facts, 1, entries);
    const end = file.slice(file.lastIndexOf('END,'));
    const body = file.slice(0, file.lastIndexOf('END,'));
    expect(end).toBe(`END,3,140,278,${createHash('sha256').update(body).digest('hex')}\n`);
    expect(file).toContain(
      'CAPTURE,rd_0000000000000001,"till ""7"", lane 2",,metro,2027-12-31,100,',
    );
    expect(file).toContain('REFUND,rd_0000000000000003,,r-1,metro,2027-12-31,-10,');
    expect(file).toContain('SUMMARY,metro,1,100,1,10,90,180,1,179\n');
    expect(file).toContain('SUMMARY,bus,1,50,0,0,50,100,1,99\n');
    // The same rows, the same bytes.
    expect(reconciliationFile(facts, 1, entries)).toBe(file);
  });

  it("books each participant's side, fees as lines of their own, closing at its position", () => {
    const cafe = statementOf(facts, 1);
    expect(cafe.entries.map((e) => [e.ref, e.role, e.amountFen])).toEqual([
      ['7:cafe:metro', 'merchant', 180n],
      ['7:cafe:metro:fee', 'fee', -1n],
      ['7:cafe:bus', 'merchant', 100n],
      ['7:cafe:bus:fee', 'fee', -1n],
    ]);
    expect(cafe.closingFen).toBe(278n);
    expect(cafe.instruction).toEqual({ direction: 'RECEIVE', amountFen: 278n, method: 'bank' });
    expect(statementOf(facts, 3).instruction).toEqual({
      direction: 'PAY',
      amountFen: 180n,
      method: 'prepaid_reserve',
    });
    expect(statementOf(facts, 0).closingFen).toBe(2n);
    expect(JSON.parse(statementJson(facts, cafe)).statement.totals).toEqual({
      credits: { count: 2, sumFen: '280' },
      debits: { count: 2, sumFen: '2' },
    });
  });

  it('writes camt.053.001.08 with opening and closing balances in yuan', () => {
    const xml = statementCamt053(facts, statementOf(facts, 3));
    expect(xml).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"');
    expect(xml).toContain('<ElctrncSeqNb>7</ElctrncSeqNb>');
    expect(xml).toContain(
      '<Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">1.80</Amt><CdtDbtInd>DBIT</CdtDbtInd>',
    );
    expect(xml).toContain('<TtlDbtNtries><NbOfNtries>1</NbOfNtries><Sum>1.80</Sum></TtlDbtNtries>');
  });

  it('refuses a statement that does not close at its position', () => {
    const wrong = {
      ...facts,
      positions: [{ participantId: 1, netFen: 277n, method: 'bank' as const }],
    };
    expect(() => statementOf(wrong, 1)).toThrow(/closes at 278 fen, its position at 277/);
  });

  it('instructs every participant whose net is not zero, and reports 注销 per issuer', () => {
    expect(instructionsCsv(facts).trimEnd().split('\n')).toEqual([
      'instruction_id,cycle,participant,direction,amount_fen,value_date,method',
      'shenzhen/7/platform,7,platform,RECEIVE,2,2026-12-03,BANK',
      'shenzhen/7/cafe,7,cafe,RECEIVE,278,2026-12-03,BANK',
      'shenzhen/7/metro,7,metro,PAY,180,2026-12-03,PREPAID_RESERVE',
      'shenzhen/7/bus,7,bus,PAY,100,2026-12-03,BANK',
    ]);
    const report = JSON.parse(cancellationReport(facts, 3, new Map([[1, 42]]))).cancellationReport;
    expect(report).toMatchObject({
      issuer: 'metro',
      cancelledPoints: '100',
      reinstatedPoints: '10',
      netPoints: '90',
      lines: [{ merchant: 'cafe', netPoints: '90', auditLeaf: 42 }],
    });
  });
});
