import type { ReserveMovement } from '../../funding/services/reserve-store';
import type { ObligationRow, PositionRow } from '../services/obligations-store';

// What every file of one cycle is made from, read once: the cycle, its obligations and positions,
// and the participants' codes. The files are pure functions of these (and of the sub-ledger's
// lines for the merchants' files), so a re-run gives the same bytes.

export interface CycleFacts {
  program: string;
  seq: number;
  openedAt: Date;
  closedAt: Date;
  tradeDate: string;
  valueDate: string;
  fenPerPoint: number;
  /** Participant codes by id; 0 is the platform. */
  codes: ReadonlyMap<number, string>;
  obligations: readonly ObligationRow[];
  positions: readonly Pick<PositionRow, 'participantId' | 'netFen' | 'method'>[];
  /** Each prepaid operator's reserve up to the cycle's draw, by id (none before issue). */
  reserves?: ReadonlyMap<number, ReserveMovement>;
}

export const PLATFORM = 0;
export const PLATFORM_CODE = 'platform';

export const codeOf = (facts: CycleFacts, id: number): string =>
  id === PLATFORM ? PLATFORM_CODE : (facts.codes.get(id) ?? String(id));
