// The service's balances as of the verified tree size, against the replay: each reported public
// account's cached `balance` and stored `posted` sum must equal the replayed balance (invariant 5),
// and every replayed non-zero account must be reported.
import type { AuditAccountBalance } from '../contract/audit';
import { stop } from './discrepancy';
import type { LedgerReplay } from './ledger-replay';
import { describeAccount, publicAccountKey } from './leaf-transaction';

export function compareReportedAccount(replay: LedgerReplay, reported: AuditAccountBalance): void {
  const id = publicAccountKey(reported);
  const name = describeAccount(id);
  const replayed = replay.accounts.get(id);
  if (replayed !== undefined) {
    if (replayed.reported) stop('balance', `${name} is reported twice`, { account: id });
    replayed.reported = true;
  }
  const expected = replayed?.balance ?? BigInt(0);
  const lastLeaf = replayed ? `, last moved by leaf ${replayed.lastLeaf}` : ', in no leaf';
  const balance = integer(reported.balance, 'balance', id);
  if (balance !== expected) {
    stop(
      'balance',
      `${name}: the service's cached balance is ${balance}, the leaves give ${expected}${lastLeaf}`,
      { account: id },
    );
  }
  const posted = integer(reported.posted, 'posted', id);
  if (posted !== expected) {
    stop(
      'posted',
      `${name}: the service's stored postings sum to ${posted}, the leaves give ${expected}${lastLeaf}`,
      { account: id },
    );
  }
}

export function checkEveryAccountReported(replay: LedgerReplay): void {
  for (const [id, account] of replay.accounts) {
    if (!account.reported && account.balance !== BigInt(0)) {
      stop(
        'unreported_account',
        `${describeAccount(id)} has ${account.balance} by the leaves but is missing from the service's balances`,
        { account: id },
      );
    }
  }
}

function integer(text: string, field: string, account: string): bigint {
  if (!/^-?[0-9]+$/.test(text)) {
    stop(
      'balance',
      `${describeAccount(account)}: ${field} ${JSON.stringify(text)} is not an integer`,
      {
        account,
      },
    );
  }
  return BigInt(text);
}
