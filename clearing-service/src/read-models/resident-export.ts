import type { SqlRunner } from '../database/sql';

/**
 * Everything the service holds about one resident, for their own data export (PIPL art. 45): the
 * rows of every module that name them, each table as its rows, machine-readable. Secrets are left
 * out (session and code hashes, sealed keys): they are not about the resident and would only let
 * a thief of the file act as them. Numbers stay strings (BIGINT), times ISO 8601.
 */
export interface ResidentExport {
  format: 'tanlian.resident-export/v1';
  exportedAt: string;
  resident: Record<string, unknown>;
  tables: Record<string, Record<string, unknown>[]>;
}

const TABLES: { name: string; sql: string }[] = [
  {
    name: 'resident_bindings',
    sql: `SELECT p.code AS operator, b.external_user_id AS user, b.created_at
            FROM resident_bindings b JOIN participants p ON p.id = b.participant_id
           WHERE b.resident_id = ? ORDER BY b.id`,
  },
  {
    name: 'resident_sessions',
    sql: `SELECT created_at, expires_at, revoked_at FROM resident_sessions
           WHERE resident_id = ? ORDER BY id`,
  },
  {
    name: 'reductions',
    sql: `SELECT p.code AS operator, r.behaviour, r.methodology_code, r.methodology_version,
                 CAST(r.calculated_mg AS CHAR) AS calculated_mg, CAST(r.reduction_mg AS CHAR) AS reduction_mg,
                 r.formula, r.district, r.started_at
            FROM reductions r JOIN participants p ON p.id = r.operator_id
           WHERE r.resident_id = ? ORDER BY r.id`,
  },
  {
    name: 'point_lots',
    sql: `SELECT a.kind, i.code AS issuer, DATE_FORMAT(a.expires_on, '%Y-%m-%d') AS expires_on,
                 CAST(a.balance AS CHAR) AS balance
            FROM ledger_accounts a JOIN participants i ON i.id = a.issuer_id
           WHERE a.owner_id = ? AND a.kind IN ('resident', 'resident_held') ORDER BY a.id`,
  },
  {
    name: 'redemptions',
    sql: `SELECT r.public_id AS id, m.code AS merchant, r.status, CAST(r.held_points AS CHAR) AS held_points,
                 CAST(r.captured_points AS CHAR) AS captured_points, r.created_at, r.resolved_at
            FROM redemptions r JOIN participants m ON m.id = r.merchant_id
           WHERE r.resident_id = ? ORDER BY r.id`,
  },
  {
    name: 'redemption_codes',
    sql: `SELECT public_id AS id, CAST(max_points AS CHAR) AS max_points, created_at, expires_at,
                 used_at, revoked_at
            FROM redemption_codes WHERE resident_id = ? ORDER BY id`,
  },
  {
    name: 'resident_subscriptions',
    sql: 'SELECT topic, remaining, updated_at FROM resident_subscriptions WHERE resident_id = ?',
  },
  {
    name: 'resident_notifications',
    sql: `SELECT topic, about, outcome, created_at FROM resident_notifications
           WHERE resident_id = ? ORDER BY id`,
  },
  {
    name: 'audit_resident_keys',
    sql: `SELECT CAST(from_seq AS CHAR) AS from_seq, key_id, created_at FROM audit_resident_keys
           WHERE resident_id = ? ORDER BY from_seq`,
  },
  {
    name: 'audit_resident_entries',
    sql: 'SELECT COUNT(*) AS entries FROM audit_resident_entries WHERE resident_id = ?',
  },
];

export async function residentExport(db: SqlRunner, residentId: number): Promise<ResidentExport> {
  const [resident]: Record<string, unknown>[] = await db.query(
    `SELECT r.public_id AS id, p.code AS program, r.wechat_openid, r.wechat_unionid, r.created_at
       FROM residents r JOIN programs p ON p.id = r.program_id WHERE r.id = ?`,
    [residentId],
  );
  const tables: ResidentExport['tables'] = {};
  for (const t of TABLES) {
    const rows: Record<string, unknown>[] = await db.query(t.sql, [residentId]);
    tables[t.name] = rows.map(plain);
  }
  return {
    format: 'tanlian.resident-export/v1',
    exportedAt: new Date().toISOString(),
    resident: plain(resident ?? {}),
    tables,
  };
}

function plain(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : v,
    ]),
  );
}
