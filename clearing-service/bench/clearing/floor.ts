// The bare-SQL floor of the clear (clearing-anchors §d8), on the same rows in the same run: plain
// mysql2, no Nest, no TypeORM. The same steps' work: the aggregate on the covering index, its
// obligations inserted, netting with Σ = 0, one 注销 transaction and two postings per pair with a
// leaf each, every merchant's file (one CSV line per capture or refund, SHA-256) and a statement
// per participant stored whole, each with a leaf. Writes only into scratch tables of its own.
import { createHash } from 'node:crypto';
import { createConnection, type RowDataPacket } from 'mysql2/promise';

const SCRATCH = [
  'bench_floor_obligations',
  'bench_floor_postings',
  'bench_floor_files',
  'bench_floor_leaves',
];

export interface FloorResult {
  ms: Record<'aggregate' | 'net' | 'cancel' | 'files' | 'total', number>;
  lines: number;
  pairs: number;
  fileBytes: number;
}

export async function clearingFloor(url: string, programId: number): Promise<FloorResult> {
  const db = await createConnection({ uri: url, multipleStatements: false });
  const insert = async (table: string, rows: unknown[][]) => {
    for (let i = 0; i < rows.length; i += 2_000)
      await db.query(`INSERT INTO ${table} VALUES ?`, [rows.slice(i, i + 2_000)]);
  };
  try {
    for (const t of SCRATCH) await db.query(`DROP TABLE IF EXISTS ${t}`);
    await db.query(`CREATE TABLE bench_floor_obligations (merchant_id INT, issuer_id INT,
      captures INT, refunds INT, points BIGINT, fen BIGINT, PRIMARY KEY (merchant_id, issuer_id))`);
    await db.query(`CREATE TABLE bench_floor_postings (id BIGINT AUTO_INCREMENT PRIMARY KEY,
      tx INT, account VARCHAR(32), amount BIGINT)`);
    await db.query(`CREATE TABLE bench_floor_files (id INT AUTO_INCREMENT PRIMARY KEY,
      name VARCHAR(64), content LONGBLOB, sha256 BINARY(32))`);
    await db.query(`CREATE TABLE bench_floor_leaves (id INT AUTO_INCREMENT PRIMARY KEY,
      data BLOB, hash BINARY(32))`);
    const t0 = performance.now();
    await db.query('START TRANSACTION');
    const [pairs] = await db.query<RowDataPacket[]>(
      `SELECT merchant_id, issuer_id, SUM(points) AS points, SUM(type = 'capture') AS captures,
              SUM(type = 'refund') AS refunds
         FROM clearing_entries WHERE program_id = ? AND cycle_seq = 1
        GROUP BY merchant_id, issuer_id`,
      [programId],
    );
    await insert(
      'bench_floor_obligations',
      pairs.map((p) => [p.merchant_id, p.issuer_id, p.captures, p.refunds, p.points, p.points]),
    );
    await db.query('COMMIT');
    const t1 = performance.now();
    const net = new Map<number, bigint>();
    for (const p of pairs) {
      const fen = BigInt(p.points);
      net.set(p.merchant_id, (net.get(p.merchant_id) ?? BigInt(0)) + fen);
      net.set(p.issuer_id, (net.get(p.issuer_id) ?? BigInt(0)) - fen);
    }
    if ([...net.values()].reduce((a, b) => a + b, BigInt(0)) !== BigInt(0))
      throw new Error('Σ ≠ 0');
    const t2 = performance.now();
    await db.query('START TRANSACTION');
    const leaf = (body: object) => {
      const data = Buffer.from(JSON.stringify(body));
      return [null, data, createHash('sha256').update(data).digest()];
    };
    await insert(
      'bench_floor_postings',
      pairs.flatMap((p, i) => [
        [null, i, `clr:${p.merchant_id}:${p.issuer_id}`, -Number(p.points)],
        [null, i, `cancelled:${p.issuer_id}`, Number(p.points)],
      ]),
    );
    await insert(
      'bench_floor_leaves',
      pairs.map((p) =>
        leaf({
          type: 'clearing_cancellation',
          m: p.merchant_id,
          i: p.issuer_id,
          points: String(p.points),
        }),
      ),
    );
    await db.query('COMMIT');
    const t3 = performance.now();
    await db.query('START TRANSACTION');
    let lines = 0;
    let fileBytes = 0;
    const store = async (name: string, content: Buffer) => {
      const sha = createHash('sha256').update(content).digest();
      await db.query('INSERT INTO bench_floor_files (name, content, sha256) VALUES (?, ?, ?)', [
        name,
        content,
        sha,
      ]);
      await insert('bench_floor_leaves', [
        leaf({ type: 'clearing_file', name, sha256: sha.toString('hex') }),
      ]);
      fileBytes += content.length;
    };
    // One merchant's lines at a time, streamed off the index, so memory stays one file's.
    const merchants = [...new Set(pairs.map((p) => Number(p.merchant_id)))].sort((a, b) => a - b);
    for (const m of merchants) {
      const [rows] = await db.query<RowDataPacket[]>(
        `SELECT id, issuer_id, type, points, redemption_public_id, merchant_order_id, refund_id,
                DATE_FORMAT(lot_expires_on, '%Y-%m-%d') AS lot, held_at, created_at, ledger_transaction_id
           FROM clearing_entries WHERE program_id = ? AND cycle_seq = 1 AND merchant_id = ? ORDER BY id`,
        [programId, m],
      );
      const parts = [
        'cycle,merchant,redemption_id,merchant_order_id,refund_id,type,issuer,lot_expires_on,points,held_at,event_at,ledger_transaction\n',
      ];
      for (const r of rows)
        parts.push(
          `1,${m},${r.redemption_public_id},${r.merchant_order_id ?? ''},${r.refund_id ?? ''},${r.type},${r.issuer_id},${r.lot},${r.points},${(r.held_at as Date).toISOString()},${(r.created_at as Date).toISOString()},${r.ledger_transaction_id}\n`,
        );
      lines += rows.length;
      const body = Buffer.from(parts.join(''));
      await store(
        `m${m}-reconciliation.csv`,
        Buffer.concat([
          body,
          Buffer.from(`END,${rows.length},${createHash('sha256').update(body).digest('hex')}\n`),
        ]),
      );
    }
    for (const [participant, fen] of net)
      await store(
        `p${participant}-statement.json`,
        Buffer.from(JSON.stringify({ participant, net: String(fen) })),
      );
    await db.query('COMMIT');
    const t4 = performance.now();
    return {
      ms: { aggregate: t1 - t0, net: t2 - t1, cancel: t3 - t2, files: t4 - t3, total: t4 - t0 },
      lines,
      pairs: pairs.length,
      fileBytes,
    };
  } finally {
    for (const t of SCRATCH) await db.query(`DROP TABLE IF EXISTS ${t}`);
    await db.end();
  }
}
