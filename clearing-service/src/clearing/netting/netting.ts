// The clearing cycle's arithmetic, a pure function (docs/redemption.md): obligations per merchant ×
// issuer in points, converted once per pair to fen at the program's rate with the pair's rounding
// carry, fees as lines of their own, one net position per participant summing to zero, and one
// settlement instruction per participant whose net is not zero (hub and spoke). BigInt throughout:
// fen of a national network's cycle exceed 2^53 only in theory, and nothing here may round.

/** What a merchant captured less what it refunded, of one issuer's points, in one cycle. */
export interface Obligation {
  readonly merchant: string;
  readonly issuer: string;
  /** Signed: refunds are negative. */
  readonly points: bigint;
}

/** fen = (points · fenPerPoint.num + carry) / fenPerPoint.den, rounded down, the rest carried. */
export interface Rate {
  readonly num: bigint;
  readonly den: bigint;
}

export interface NettingInput {
  readonly obligations: readonly Obligation[];
  readonly rate: Rate;
  /** Carried rounding remainder per `merchant|issuer`, in units of 1/den fen (0 when absent). */
  readonly carryIn?: ReadonlyMap<string, bigint>;
  /** Platform fee on what a merchant receives, in basis points (0 by default). */
  readonly merchantFeeBps?: bigint;
  /** Who receives fees. */
  readonly platform?: string;
}

export interface PairLine {
  readonly merchant: string;
  readonly issuer: string;
  readonly points: bigint;
  readonly grossFen: bigint;
  readonly feeFen: bigint;
  readonly carryIn: bigint;
  readonly carryOut: bigint;
}

export interface Instruction {
  readonly participant: string;
  readonly direction: 'PAY' | 'RECEIVE';
  readonly amountFen: bigint;
}

export interface Netting {
  readonly lines: PairLine[];
  /** Per participant: what it receives as a merchant, less what it pays as an issuer, less fees. */
  readonly positions: ReadonlyMap<string, bigint>;
  readonly instructions: Instruction[];
}

const ZERO = BigInt(0);
const BPS = BigInt(10_000);

export const pairKey = (merchant: string, issuer: string): string => `${merchant}|${issuer}`;

/** Nets a cycle; throws if the positions do not sum to zero (they always do, or it is a bug). */
export function net(input: NettingInput): Netting {
  const { rate } = input;
  if (rate.den <= ZERO || rate.num < ZERO)
    throw new RangeError('the rate must be num ≥ 0 / den > 0');
  const feeBps = input.merchantFeeBps ?? ZERO;
  if (feeBps < ZERO || feeBps > BPS) throw new RangeError('the fee must be 0..10,000 bps');
  const platform = input.platform ?? 'platform';

  const pairs = new Map<string, Obligation>();
  for (const o of input.obligations) {
    const key = pairKey(o.merchant, o.issuer);
    const known = pairs.get(key);
    pairs.set(key, { ...o, points: (known?.points ?? ZERO) + o.points });
  }
  const lines: PairLine[] = [...pairs.values()].sort(byPair).map((o) => {
    const carryIn = input.carryIn?.get(pairKey(o.merchant, o.issuer)) ?? ZERO;
    const scaled = o.points * rate.num + carryIn;
    const grossFen = floorDiv(scaled, rate.den);
    const carryOut = scaled - grossFen * rate.den;
    // A fee only on what the merchant receives; a net refund pays none back.
    const feeFen = grossFen > ZERO ? (grossFen * feeBps) / BPS : ZERO;
    return {
      merchant: o.merchant,
      issuer: o.issuer,
      points: o.points,
      grossFen,
      feeFen,
      carryIn,
      carryOut,
    };
  });

  const positions = new Map<string, bigint>();
  const add = (who: string, fen: bigint) => positions.set(who, (positions.get(who) ?? ZERO) + fen);
  for (const l of lines) {
    add(l.merchant, l.grossFen - l.feeFen);
    add(l.issuer, -l.grossFen);
    if (l.feeFen > ZERO) add(platform, l.feeFen);
  }
  let total = ZERO;
  for (const fen of positions.values()) total += fen;
  if (total !== ZERO) throw new Error(`net positions sum to ${total} fen, not 0`);

  const instructions: Instruction[] = [...positions]
    .filter(([, fen]) => fen !== ZERO)
    .sort(([a], [b]) => compare(a, b))
    .map(([participant, fen]) => ({
      participant,
      direction: fen > ZERO ? 'RECEIVE' : 'PAY',
      amountFen: fen > ZERO ? fen : -fen,
    }));
  return { lines, positions, instructions };
}

/** Division rounding towards −∞ (BigInt's `/` truncates towards 0), so carries are never negative. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== ZERO && a < ZERO ? q - BigInt(1) : q;
}

function byPair(a: Obligation, b: Obligation): number {
  return compare(a.merchant, b.merchant) || compare(a.issuer, b.issuer);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
