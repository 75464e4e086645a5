// The only arithmetic a reduction goes through. Products are taken in BigInt so they are exact
// whatever their size; the single rounding (floor) happens in the division at the very end.

/** floor(quantity × numerator / denominator), exactly. */
export function mulDivFloor(quantity: number, numerator: number, denominator: number): bigint {
  return (BigInt(quantity) * BigInt(numerator)) / BigInt(denominator);
}

/** Back to a JS number, refusing anything a number would not hold exactly. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
    throw new RangeError(`${value} mg is outside the safe integer range`);
  return Number(value);
}
