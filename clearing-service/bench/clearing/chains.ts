import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ResidentChains } from '../../src/audit/services/resident-chains';

/**
 * Each resident's key and chain, made by ResidentChains as a first credit's entry makes them (the
 * bench's credits are ledger-only): otherwise thousands of first holds at once queue, and
 * deadlock, on the chains' index gap, which no steady state of the service has (residents who
 * redeem were credited first).
 */
export async function openChains(
  ctx: INestApplicationContext,
  programId: number,
  residents: readonly number[],
): Promise<void> {
  const dataSource = ctx.get<DataSource>(getDataSourceToken());
  const chains = ctx.get(ResidentChains);
  for (let from = 0; from < residents.length; from += 500)
    await dataSource.transaction((db) =>
      chains.lock(db, programId, residents.slice(from, from + 500)),
    );
}
