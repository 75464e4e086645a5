import type { StoreCreate, StoreUpdate } from '@tanlian/sdk';
import { placeholders, type SqlRunner } from '../../database/sql';
import { merchantRowsByCode } from './merchant-rows-by-code';

export interface StoreRow {
  id: number;
  merchant_id: number;
  code: string;
  name: string;
  district: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, merchant_id, code, name, district, created_at, updated_at';

/** Inserts a store; a taken code fails as a duplicate key (the caller names it). */
export async function insertStore(
  db: SqlRunner,
  programId: number,
  merchantId: number,
  input: StoreCreate,
): Promise<void> {
  await db.query(
    `INSERT INTO merchant_stores (program_id, merchant_id, code, name, district, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
    [programId, merchantId, input.code, input.name, input.district],
  );
}

export async function storeByCode(
  db: SqlRunner,
  merchantId: number,
  code: string,
): Promise<StoreRow | null> {
  const [row]: StoreRow[] = await db.query(
    `SELECT ${COLUMNS} FROM merchant_stores WHERE merchant_id = ? AND code = ?`,
    [merchantId, code],
  );
  return row ?? null;
}

/** One page of a merchant's stores by code, after `after` (see merchantRowsByCode). */
export function storesPage(
  db: SqlRunner,
  merchantId: number,
  after: string | undefined,
  limit: number,
): Promise<StoreRow[]> {
  return merchantRowsByCode(db, 'merchant_stores', COLUMNS, merchantId, after, limit);
}

/** Changes the fields given; true when the store exists. */
export async function updateStore(
  db: SqlRunner,
  merchantId: number,
  code: string,
  change: StoreUpdate,
): Promise<boolean> {
  const set = Object.entries({ name: change.name, district: change.district }).filter(
    ([, value]) => value !== undefined,
  );
  const result: { affectedRows: number } = await db.query(
    `UPDATE merchant_stores SET ${set.map(([column]) => `${column} = ?, `).join('')}updated_at = UTC_TIMESTAMP(3)
     WHERE merchant_id = ? AND code = ?`,
    [...set.map(([, value]) => value), merchantId, code],
  );
  return result.affectedRows > 0;
}

/** The stores of these merchants, by merchant then code (the catalog shows each offer's). */
export async function storesOfMerchants(
  db: SqlRunner,
  merchantIds: number[],
): Promise<Map<number, StoreRow[]>> {
  const stores = new Map<number, StoreRow[]>(merchantIds.map((id) => [id, []]));
  if (merchantIds.length === 0) return stores;
  const rows: StoreRow[] = await db.query(
    `SELECT ${COLUMNS} FROM merchant_stores WHERE merchant_id IN (${placeholders(merchantIds)})
     ORDER BY merchant_id, code`,
    merchantIds,
  );
  for (const row of rows) stores.get(Number(row.merchant_id))?.push(row);
  return stores;
}
