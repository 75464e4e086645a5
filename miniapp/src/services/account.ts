// The resident's account page (GET …/me/account), the methodologies' caps (public), and what the
// home screen derives from them: today's records, and each daily cap's headroom.
import { call, type ApiAnswer } from './api';
import { addIntegers, subtractFloor } from '../format/amounts';

export type AccountPage = ApiAnswer<'/v1/programs/{program}/residents/me/account', 'get'>;
export type HistoryRecord = AccountPage['history'][number];
export type Methodology = ApiAnswer<'/v1/programs/{program}/methodologies', 'get'>[number];

export const ACCOUNT_CACHE = 'tanlian.account';
/** The page 验证 checks receipts against (its checkpoint), saved by 记录. */
export const VERIFY_PAGE = 'tanlian.verify-page';

export function fetchAccount(before?: string): Promise<AccountPage> {
  return call('get', '/v1/programs/{program}/residents/me/account', {
    query: { before, limit: 50 },
  });
}

export function fetchMethodologies(): Promise<Methodology[]> {
  return call('get', '/v1/programs/{program}/methodologies', { anonymous: true });
}

/** The China day (UTC+8) of an ISO time: caps and "today" are counted in China time. */
export function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

export function todaysRecords(
  history: readonly HistoryRecord[],
  now: Date = new Date(),
): HistoryRecord[] {
  const today = chinaDay(now.toISOString());
  return history.filter((r) => chinaDay(r.startedAt) === today);
}

export interface CapLeft {
  behaviour: string;
  title: string;
  usedMg: string;
  capMg: string;
  leftMg: string;
}

/** Per published methodology with a daily cap: what today's credited records used of it. */
export function capsLeft(
  methodologies: readonly Methodology[],
  today: readonly HistoryRecord[],
): CapLeft[] {
  const out: CapLeft[] = [];
  for (const m of methodologies) {
    const cap = m.status === 'published' ? m.definition.caps?.perDayMg : undefined;
    if (cap === undefined) continue;
    const behaviour = m.definition.behaviour;
    const usedMg = today
      .filter(
        (r) =>
          r.behaviour === behaviour &&
          r.reductionMg !== null &&
          (r.status === 'credited' || r.status === 'capped'),
      )
      .reduce((sum, r) => addIntegers(sum, r.reductionMg as string), '0');
    out.push({
      behaviour,
      title: m.definition.title,
      usedMg,
      capMg: String(cap),
      leftMg: subtractFloor(String(cap), usedMg),
    });
  }
  return out;
}
