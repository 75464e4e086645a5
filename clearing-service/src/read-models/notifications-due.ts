import type { SqlRunner } from '../database/sql';

/**
 * What the notifications sender has to tell subscribed residents, across the modules that know
 * it: captures of their redemptions (redemption, merchants, tenancy) and their lots expiring soon
 * (ledger), each only while the resident has a subscription of the topic left and no message
 * about it exists yet (notifications). Bounded: captures of the last day, lots within `days`.
 */
export interface DueResult {
  residentId: number;
  openid: string;
  redemption: string;
  merchant: string;
  offerTitle: string | null;
  capturedPoints: string;
}

export interface DueReminder {
  residentId: number;
  openid: string;
  lot: string;
  issuer: string;
  expiresOn: string;
  points: string;
}

const SUBSCRIBED = (topic: string, resident: string) => `EXISTS (
    SELECT 1 FROM resident_subscriptions s
    WHERE s.resident_id = ${resident} AND s.topic = '${topic}' AND s.remaining > 0)`;

export async function capturedRedemptionsToTell(
  db: SqlRunner,
  limit: number,
): Promise<DueResult[]> {
  const rows: {
    resident_id: number;
    wechat_openid: string;
    public_id: string;
    merchant: string;
    title: string | null;
    captured_points: string;
  }[] = await db.query(
    `SELECT r.resident_id, res.wechat_openid, r.public_id, m.code AS merchant, o.title,
            CAST(r.captured_points AS CHAR) AS captured_points
       FROM redemptions r
       JOIN residents res ON res.id = r.resident_id
       JOIN participants m ON m.id = r.merchant_id
       LEFT JOIN merchant_offers o ON o.id = r.offer_id
      WHERE r.status = 'captured' AND r.resolved_at > NOW(3) - INTERVAL 1 DAY
        AND ${SUBSCRIBED('redemption_result', 'r.resident_id')}
        AND NOT EXISTS (SELECT 1 FROM resident_notifications n
                         WHERE n.topic = 'redemption_result' AND n.about = r.public_id)
      ORDER BY r.id LIMIT ?`,
    [limit],
  );
  return rows.map((r) => ({
    residentId: Number(r.resident_id),
    openid: r.wechat_openid,
    redemption: r.public_id,
    merchant: r.merchant,
    offerTitle: r.title,
    capturedPoints: r.captured_points,
  }));
}

/** Residents' non-empty lots expiring from `today` to `days` days on (China days, YYYY-MM-DD). */
export async function expiringLotsToRemind(
  db: SqlRunner,
  today: string,
  days: number,
  limit: number,
): Promise<DueReminder[]> {
  const rows: {
    owner_id: number;
    wechat_openid: string;
    id: string;
    issuer: string;
    expires_on: string;
    balance: string;
  }[] = await db.query(
    `SELECT a.owner_id, res.wechat_openid, CAST(a.id AS CHAR) AS id, i.code AS issuer,
            DATE_FORMAT(a.expires_on, '%Y-%m-%d') AS expires_on, CAST(a.balance AS CHAR) AS balance
       FROM ledger_accounts a
       JOIN residents res ON res.id = a.owner_id
       JOIN participants i ON i.id = a.issuer_id
      WHERE a.kind = 'resident' AND a.balance > 0
        AND a.expires_on BETWEEN ? AND ? + INTERVAL ? DAY
        AND ${SUBSCRIBED('expiry_reminder', 'a.owner_id')}
        AND NOT EXISTS (SELECT 1 FROM resident_notifications n
                         WHERE n.topic = 'expiry_reminder' AND n.about = CONCAT('lot:', a.id))
      ORDER BY a.expires_on, a.id LIMIT ?`,
    [today, today, days, limit],
  );
  return rows.map((r) => ({
    residentId: Number(r.owner_id),
    openid: r.wechat_openid,
    lot: `lot:${r.id}`,
    issuer: r.issuer,
    expiresOn: r.expires_on,
    points: r.balance,
  }));
}
