import type { CycleFileView, CycleView, PositionView } from '@tanlian/sdk';
import type { CycleRow } from './services/cycles-store';
import type { CycleFileRow } from './services/files-store';
import type { PositionRow } from './services/obligations-store';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function cycleView(c: CycleRow): CycleView {
  return {
    sequence: c.seq,
    state: c.state,
    openedAt: c.openedAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    closedAt: iso(c.closedAt),
    tradeDate: c.tradeDate,
    valueDate: c.valueDate,
    fenPerPoint: c.fenPerPoint,
    merchantFeeBps: c.merchantFeeBps,
    aggregatedAt: iso(c.aggregatedAt),
    issuedAt: iso(c.issuedAt),
    settledAt: iso(c.settledAt),
  };
}

export function positionView(p: PositionRow, participant: string): PositionView {
  return {
    participant,
    receivableFen: String(p.receivableFen),
    payableFen: String(p.payableFen),
    feeFen: String(p.feeFen),
    netFen: String(p.netFen),
    method: p.method,
    confirmedAt: iso(p.confirmedAt),
    bankReference: p.bankReference,
  };
}

export function fileView(f: CycleFileRow, participant: string | null): CycleFileView {
  return {
    id: String(f.id),
    participant,
    kind: f.kind,
    format: f.format,
    name: f.name,
    sha256: f.sha256,
    bytes: f.bytes,
    createdAt: f.createdAt.toISOString(),
  };
}
