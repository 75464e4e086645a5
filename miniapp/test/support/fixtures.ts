// Answers of the service for the screens' tests, shaped by the generated API types (a change in
// openapi.json that breaks them fails the typecheck).
import type { AccountPage, HistoryRecord } from '../../src/services/account';

export const API = '/v1/programs/shenzhen';

export function record(over: Partial<HistoryRecord> = {}): HistoryRecord {
  return {
    reference: 'rec-1',
    operator: 'shenzhen-metro',
    eventId: 'e-1',
    behaviour: 'metro',
    startedAt: new Date().toISOString(),
    endedAt: new Date().toISOString(),
    status: 'credited',
    reason: null,
    reductionMg: '330870',
    points: '33',
    pointsStatus: 'credited',
    methodology: 'sz-metro@2',
    formula: '12300 m × 26900 mg / 1000 m = 330870 mg (floor)',
    processedAt: new Date().toISOString(),
    receipt: { leafIndex: 7, leafHash: 'AAAA' },
    ...over,
  };
}

export function account(over: Partial<AccountPage> = {}): AccountPage {
  return {
    program: 'shenzhen',
    totalReductionMg: '15000000',
    points: {
      balance: '1250',
      lots: [
        { issuer: 'shenzhen-metro', expiresOn: '2027-12-31', points: '1000' },
        { issuer: 'shenzhen-bus', expiresOn: '2028-06-30', points: '250' },
      ],
      unfunded: '0',
    },
    checkpoint: null,
    history: [record()],
    nextBefore: null,
    ...over,
  };
}

/** A live offer of the shop, as GET …/offers lists it. */
export const bagOffer = {
  merchant: { code: 'lianhua', name: '联华超市', stores: [] as never[] },
  code: 'bag',
  title: '环保购物袋',
  description: null,
  pricePoints: '1200',
  stock: 3,
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2027-01-01T00:00:00Z',
  limitPerResidentPerDay: 1,
  acceptedIssuers: 'all' as const,
};
