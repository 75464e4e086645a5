// Grams of CO₂e and points as residents read them. Amounts arrive as integer strings (milligrams,
// points) so no JSON parser rounds them; they are formatted as strings, exactly, without BigInt
// (the phone's engine may lack it).
import { t } from '../locales';

/** Milligrams as g (below 1 kg), kg (below 1 t) or t, at most 2 decimals, trailing zeros cut, truncated. */
export function formatMass(mg: string): string {
  const { negative, digits } = integerOf(mg);
  const u = t().units;
  // digits / 1000 = grams; / 10^6 = kg; / 10^9 = t
  const exponent = digits.length > 9 ? 9 : digits.length > 6 ? 6 : 3;
  const unit = exponent === 9 ? u.t : exponent === 6 ? u.kg : u.g;
  const whole = digits.length > exponent ? digits.slice(0, digits.length - exponent) : '0';
  const fraction = digits
    .padStart(exponent, '0')
    .slice(-exponent)
    .slice(0, exponent === 3 ? 1 : 2)
    .replace(/0+$/, '');
  const number = groupThousands(whole) + (fraction ? `.${fraction}` : '');
  return `${negative && digits !== '0' ? '−' : ''}${number} ${unit}`;
}

/** Mass with the CO₂e suffix: "1.23 千克 CO₂e". */
export function formatReduction(mg: string): string {
  return `${formatMass(mg)} ${t().units.co2e}`;
}

/** Points with thousands separators: "12,345". */
export function formatPoints(points: string): string {
  const { negative, digits } = integerOf(points);
  return `${negative && digits !== '0' ? '−' : ''}${groupThousands(digits)}`;
}

function integerOf(text: string): { negative: boolean; digits: string } {
  const match = /^(-?)(\d+)$/.exec(text.trim());
  if (!match) throw new RangeError(`not an integer: ${JSON.stringify(text)}`);
  return { negative: match[1] === '-', digits: match[2].replace(/^0+(?=\d)/, '') };
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Compares two integer strings (for sums and milestones) without BigInt. */
export function compareIntegers(a: string, b: string): number {
  const x = integerOf(a);
  const y = integerOf(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const sign = x.negative ? -1 : 1;
  if (x.digits.length !== y.digits.length)
    return sign * (x.digits.length < y.digits.length ? -1 : 1);
  return sign * (x.digits < y.digits ? -1 : x.digits > y.digits ? 1 : 0);
}

/** Sum of non-negative integer strings, exactly. */
export function addIntegers(a: string, b: string): string {
  let carry = 0;
  let out = '';
  const x = integerOf(a).digits;
  const y = integerOf(b).digits;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = Number(x[x.length - 1 - i] ?? 0) + Number(y[y.length - 1 - i] ?? 0) + carry;
    out = String(d % 10) + out;
    carry = d >= 10 ? 1 : 0;
  }
  return (carry ? '1' : '') + out;
}

/** a − b for non-negative integer strings; '0' when b ≥ a. */
export function subtractFloor(a: string, b: string): string {
  if (compareIntegers(a, b) <= 0) return '0';
  const x = integerOf(a).digits;
  const y = integerOf(b).digits.padStart(x.length, '0');
  let borrow = 0;
  let out = '';
  for (let i = x.length - 1; i >= 0; i--) {
    let d = Number(x[i]) - Number(y[i]) - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 10;
    out = String(d) + out;
  }
  return out.replace(/^0+(?=\d)/, '');
}
