// The one place numbers, times and hashes are turned into text. Amounts are integers from the
// service (points, milligrams); nothing here computes a figure, it only writes it.
import dayjs from 'dayjs';

/** Milligrams CO₂e as grams with one decimal, e.g. 373600 → "373.6 g" (integer arithmetic). */
export function gramsOf(mg: number | string | null | undefined): string {
  if (mg === null || mg === undefined || mg === '') return '—';
  const n = BigInt(mg);
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  const tenths = (abs + 50n) / 100n; // rounded to 0.1 g for display only
  return `${sign}${(tenths / 10n).toLocaleString('en-US')}.${tenths % 10n} g`;
}

/** Whole points with thousands separators; a string amount (bigint in JSON) stays exact. */
export function pointsOf(points: number | string | null | undefined): string {
  if (points === null || points === undefined || points === '') return '—';
  return BigInt(points).toLocaleString('en-US');
}

/** An ISO time in the reader's clock, to the second. */
export function timeOf(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
}

/** A long hash shortened for a table cell; the full value stays in the title/copy. */
export function shortHash(hash: string | null | undefined, keep = 12): string {
  if (!hash) return '—';
  return hash.length <= keep * 2 ? hash : `${hash.slice(0, keep)}…${hash.slice(-4)}`;
}

/** Fen (a string of digits, maybe signed) as yuan with two decimals, e.g. "-1234" → "-¥12.34". */
export function yuanOf(fen: number | string | null | undefined): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const n = BigInt(fen);
  const abs = n < 0n ? -n : n;
  const cents = String(abs % 100n).padStart(2, '0');
  return `${n < 0n ? '-' : ''}¥${(abs / 100n).toLocaleString('en-US')}.${cents}`;
}
