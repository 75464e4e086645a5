// A cycle's obligations and net positions as reporting keeps them: one row per participant.

export interface CyclePositionRow {
  participantId: number;
  /** Net points of its obligations: a merchant's are owed to it (+), an issuer's by it (−). */
  obligationPoints: bigint;
  receivableFen: bigint;
  payableFen: bigint;
  feeFen: bigint;
  netFen: bigint;
}

export function cyclePositionRows(
  obligations: { merchantId: number; issuerId: number; netPoints: bigint }[],
  positions: {
    participantId: number;
    receivableFen: bigint;
    payableFen: bigint;
    feeFen: bigint;
    netFen: bigint;
  }[],
): CyclePositionRow[] {
  const points = new Map<number, bigint>();
  const add = (id: number, p: bigint) => points.set(id, (points.get(id) ?? BigInt(0)) + p);
  for (const o of obligations) {
    add(o.merchantId, o.netPoints);
    add(o.issuerId, -o.netPoints);
  }
  return positions.map((p) => ({
    participantId: p.participantId,
    obligationPoints: points.get(p.participantId) ?? BigInt(0),
    receivableFen: p.receivableFen,
    payableFen: p.payableFen,
    feeFen: p.feeFen,
    netFen: p.netFen,
  }));
}
