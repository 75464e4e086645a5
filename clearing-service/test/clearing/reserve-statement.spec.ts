import {
  reserveCamt053,
  reserveCsv,
  reserveJson,
} from '../../src/clearing/files/reserve-statement';
import type { CycleFacts } from '../../src/clearing/files/cycle-facts';
import type { ReserveMovement } from '../../src/funding/services/reserve-store';

const facts = {
  program: 'shenzhen',
  seq: 3,
  tradeDate: '2026-11-20',
} as CycleFacts;

const movement: ReserveMovement = {
  openingFen: BigInt(90),
  topUps: [
    {
      id: 7,
      reference: 'pay,2',
      amountFen: BigInt(50),
      points: BigInt(10),
      fenPerPoint: 5,
      balanceAfterFen: BigInt(140),
      at: new Date('2026-11-19T08:00:00.000Z'),
    },
  ],
  drawFen: BigInt(160),
  closingFen: BigInt(-20),
};

describe('a prepaid reserve on the statement', () => {
  it('is absent for a participant without a reserve, in every format', () => {
    expect(reserveJson(null)).toEqual({});
    expect(reserveCsv(null)).toBe('');
    expect(reserveCamt053(facts, 'shenzhen/3/cafe', 'cafe', null)).toBe('');
  });

  it('shows opening, each top-up, the draw and closing, in fen as integers', () => {
    expect(reserveJson(movement)).toEqual({
      reserve: {
        openingBalanceFen: '90',
        topUps: [
          {
            reference: 'pay,2',
            at: '2026-11-19T08:00:00.000Z',
            points: '10',
            fenPerPoint: 5,
            amountFen: '50',
          },
        ],
        drawFen: '160',
        closingBalanceFen: '-20',
      },
    });
    expect(reserveCsv(movement)).toBe(
      'RESERVE_OPENING,90\n' +
        'RESERVE_TOP_UP,"pay,2",2026-11-19T08:00:00.000Z,10,50\n' +
        'RESERVE_DRAW,160\n' +
        'RESERVE_CLOSING,-20\n',
    );
  });

  it('is a second camt.053 Stmt whose entries move the opening balance to the closing one', () => {
    const xml = reserveCamt053(facts, 'shenzhen/3/bike', 'bike', movement);
    expect(xml).toContain('<Id>shenzhen/3/bike/reserve</Id><ElctrncSeqNb>3</ElctrncSeqNb>');
    expect(xml).toContain('<Id>shenzhen/bike/reserve</Id>');
    // A reserve overdrawn after a rate rise closes as a debit balance.
    expect(xml).toMatch(
      /<Cd>CLBD<\/Cd><\/CdOrPrtry><\/Tp><Amt Ccy="CNY">0\.20<\/Amt><CdtDbtInd>DBIT/,
    );
    expect(xml).toMatch(
      /<NtryRef>top_up:pay,2<\/NtryRef><Amt Ccy="CNY">0\.50<\/Amt><CdtDbtInd>CRDT/,
    );
    expect(xml).toMatch(/<NtryRef>draw:3<\/NtryRef><Amt Ccy="CNY">1\.60<\/Amt><CdtDbtInd>DBIT/);
    expect(xml).toContain('<TtlDbtNtries><NbOfNtries>1</NbOfNtries><Sum>1.60</Sum>');
  });
});
