import {
  countActive,
  flowsPayload,
  foldPayloads,
  reductionsPayload,
} from '../../src/reporting/rollup-facts';

const fact = (day: string, operatorId: number, residentId: number, mg: number, points = 1) => ({
  day,
  behaviour: 'metro',
  operatorId,
  district: '440305',
  mg,
  points,
  residentId,
});

describe('rollup facts', () => {
  it('sums a batch per day and cell, and keeps each resident once per day and operator', () => {
    const p = reductionsPayload([
      fact('2026-11-30', 1, 7, 100),
      fact('2026-11-30', 1, 7, 50),
      fact('2026-12-01', 2, 7, 10),
    ]);
    expect(p.cells).toEqual([
      ['2026-11-30', 'metro', 1, '440305', 150, 2, 2],
      ['2026-12-01', 'metro', 2, '440305', 10, 1, 1],
    ]);
    expect(p.active).toEqual([
      ['2026-11-30', 1, 7],
      ['2026-12-01', 2, 7],
    ]);
  });

  it('counts a resident once per period however many days or operators: no sum across periods', () => {
    const folded = foldPayloads([
      reductionsPayload([fact('2026-11-30', 1, 7, 1), fact('2026-12-01', 2, 7, 1)]),
      reductionsPayload([fact('2026-12-01', 1, 8, 1)]),
    ]);
    const counts = countActive(folded.active);
    expect(counts.get('day|2026-11-30|0')).toBe(1);
    expect(counts.get('day|2026-12-01|0')).toBe(2);
    expect(counts.get('week|2026-11-30|0')).toBe(2); // not 3, the days' sum
    expect(counts.get('week|2026-11-30|1')).toBe(2);
    expect(counts.get('week|2026-11-30|2')).toBe(1);
    expect(counts.get('month|2026-11-01|0')).toBe(1);
    expect(counts.get('month|2026-12-01|0')).toBe(2);
    const weekMg = folded.cells.filter((c) => c.kind === 'week').reduce((s, c) => s + c.mg, 0);
    expect(weekMg).toBe(3);
  });

  it('reads issued, redeemed (refunds back), expired and cancelled points per issuer', () => {
    const p = flowsPayload('2026-12-01', [
      {
        kind: 'issuance',
        postings: [
          { account: { issuerId: 3, kind: 'issuer_mint' }, amount: -10 },
          { account: { issuerId: 3, kind: 'resident' }, amount: 10 },
        ],
      },
      {
        kind: 'capture',
        postings: [
          { account: { issuerId: 3, kind: 'resident_held' }, amount: -6 },
          { account: { issuerId: 3, kind: 'merchant_clearing' }, amount: 6 },
        ],
      },
      {
        kind: 'refund',
        postings: [
          { account: { issuerId: 3, kind: 'merchant_clearing' }, amount: -2 },
          { account: { issuerId: 3, kind: 'resident' }, amount: 2 },
        ],
      },
      {
        kind: 'expiry',
        postings: [
          { account: { issuerId: 4, kind: 'resident' }, amount: -1 },
          { account: { issuerId: 4, kind: 'issuer_expired' }, amount: 1 },
        ],
      },
      {
        kind: 'cancellation',
        postings: [
          { account: { issuerId: 3, kind: 'merchant_clearing' }, amount: -4 },
          { account: { issuerId: 3, kind: 'issuer_cancelled' }, amount: 4 },
        ],
      },
    ]);
    expect(p.flows).toEqual([
      ['2026-12-01', 3, 'issued', 10],
      ['2026-12-01', 3, 'redeemed', 4],
      ['2026-12-01', 4, 'expired', 1],
      ['2026-12-01', 3, 'cancelled', 4],
    ]);
  });
});
