import { pointsExpiryFor } from '../../src/ledger/points-expiry';

describe('pointsExpiryFor', () => {
  it('is the China month end 36 months after the credit', () => {
    expect(pointsExpiryFor(new Date('2026-03-11T10:17:23+08:00'))).toBe('2029-03-31');
    // 08:00 on 1 March in China is still February in UTC: the lot is March's.
    expect(pointsExpiryFor(new Date('2025-03-01T08:00:00+08:00'))).toBe('2028-03-31');
    expect(pointsExpiryFor(new Date('2025-02-15T12:00:00+08:00'))).toBe('2028-02-29');
  });
});
