// The leaves the bench logs: realistic ones (a reduction credit with its issuance transaction, built
// by the crediting worker's own reductionCreditLeaf) for the integration phase, and short
// synthetic ones for the 10^7-leaf proof log.
import { CHAIN_START, type ChainState } from '@tanlian/sdk';
import { createHash } from 'node:crypto';
import { nodeKeyedHash, ResidentEntries } from '../../src/audit/services/resident-chains';
import { nodeLogHash } from '../../src/audit/tree/log-hash';
import { encodeLeaf } from '../../src/audit/leaf-data';
import { reductionCreditLeaf } from '../../src/crediting/reduction-credit-leaf';
import type { NewLeaf } from '../../src/audit/services/audit-log-writer';
import { issuanceSource, type AccountKey } from '../../src/ledger/ledger-account';
import { pointsExpiryFor } from '../../src/ledger/points-expiry';
import { chinaDay } from '../../src/time/china-time';
import { Prng } from '../../src/demo/simulator';

const METHODOLOGIES = [
  { code: 'SZ-METRO', version: 1, behaviour: 'metro', gPerKm: 46.7 },
  { code: 'SZ-BUS', version: 1, behaviour: 'bus', gPerKm: 26.9 },
  { code: 'SZ-BIKE', version: 1, behaviour: 'bike', gPerKm: 33.88 },
].map((m) => ({ ...m, contentHash: createHash('sha256').update(m.code).digest('hex') }));
const OPERATORS = [
  { id: 1, code: 'szmetro' },
  { id: 2, code: 'szbus' },
  { id: 3, code: 'bikeshare' },
];
const DISTRICTS = ['440303', '440304', '440305', '440306', '440307', '440309'];
const HASH = nodeLogHash('sha256');

/**
 * `count` reduction_credit leaves as CreditingWriter writes them for postpaid operators: every one
 * a ledger_transaction leaf (issuance from the issuer's mint to the resident's lot). Deterministic.
 */
export function realisticLeaves(count: number, programCode: string, now: Date): NewLeaf[] {
  const r = new Prng(0xa0d17);
  // Residents' keys and chains as ResidentChains would hold them, without the database.
  const chains = new Map<
    number,
    { key: Buffer; keyFromSeq: number; state: ChainState; written: number }
  >();
  const entries = new ResidentEntries(0, HASH, nodeKeyedHash(HASH), chains);
  const expiresOn = pointsExpiryFor(now);
  const leaves: NewLeaf[] = [];
  for (let i = 0; i < count; i++) {
    const m = METHODOLOGIES[i % METHODOLOGIES.length];
    const operator = OPERATORS[i % OPERATORS.length];
    const residentId = r.int(1, 200_000);
    if (!chains.has(residentId))
      chains.set(residentId, {
        key: createHash('sha256').update(`resident ${residentId}`).digest(),
        keyFromSeq: 0,
        state: { seq: 0, previousLeafHash: CHAIN_START },
        written: 0,
      });
    const inboxId = 1_000_000 + i;
    const mg = Math.round(m.gPerKm * r.int(800, 25_000));
    const points = Math.floor(mg / 10_000);
    const lot: AccountKey = {
      issuerId: operator.id,
      kind: 'resident',
      ownerId: residentId,
      expiresOn,
    };
    const tx = {
      id: 500_000 + i,
      kind: 'issuance' as const,
      reference: `event:${inboxId}`,
      postings: [
        { account: issuanceSource(operator.id, 'postpaid'), amount: -points },
        { account: lot, amount: points },
      ],
      accountIds: [operator.id, 10_000 + residentId],
    };
    leaves.push(
      reductionCreditLeaf(entries, {
        programCode,
        day: chinaDay(now),
        event: { operator: operator.code, id: `ride-${inboxId}` },
        residentId,
        reduction: {
          id: 300_000 + i,
          mg,
          calculatedMg: mg,
          methodology: m,
          behaviour: m.behaviour,
          startedAt: now,
          district: r.pick(DISTRICTS),
        },
        points: { amount: points, issuer: operator.code },
        transaction: tx,
      }),
    );
  }
  return leaves;
}

/** A short synthetic leaf for the proof log (its content does not matter to proof building). */
export function syntheticLeaf(index: number): Buffer {
  return encodeLeaf({ type: 'bench_synthetic', index: String(index) });
}
