import type { AccountKey } from '../../src/ledger/ledger-account';
import { NO_EXPIRY } from '../../src/ledger/ledger-account';
import { LedgerWriter } from '../../src/ledger/services/ledger-writer';
import { ResidentsService } from '../../src/residents/services/residents.service';
import type { Program } from '../../src/tenancy/entities/program.entity';
import type { EarnEnv } from './earn-env';

/**
 * `n` residents of the program with a lot of `points` each from the issuer (expiring on `expiresOn`, by default 2099-12-31),
 * written as issuances from its mint in batches of 100: the ledger's own writer, no crediting.
 */
export async function residentsWithLots(
  env: EarnEnv,
  n: number,
  points: number,
  prefix: string,
  shop: { program: Program; issuerId: number },
  expiresOn = '2099-12-31',
): Promise<number[]> {
  const residents = env.api.app.get(ResidentsService);
  const ids: number[] = [];
  for (let i = 0; i < n; i++)
    ids.push((await residents.findOrCreate(shop.program.id, { openid: `${prefix}-${i}` })).id);
  const ledger = env.api.app.get(LedgerWriter);
  const mint: AccountKey = {
    issuerId: shop.issuerId,
    kind: 'issuer_mint',
    ownerId: 0,
    expiresOn: NO_EXPIRY,
  };
  for (let i = 0; i < ids.length; i += 100) {
    const lots: AccountKey[] = ids.slice(i, i + 100).map((ownerId) => ({
      issuerId: shop.issuerId,
      kind: 'resident',
      ownerId,
      expiresOn,
    }));
    await env.db.transaction(async (em) => {
      const accounts = await ledger.lockAccounts(em, shop.program.id, [mint, ...lots]);
      const txs = lots.map((lot, j) => ({
        kind: 'issuance' as const,
        reference: `${prefix}:${i + j}`,
        postings: [
          { account: mint, amount: -points },
          { account: lot, amount: points },
        ],
      }));
      await ledger.write(em, shop.program.id, txs, accounts, new Date());
    });
  }
  return ids;
}
