import { createConnection } from 'mysql2/promise';
async function main() {
  const db = await createConnection({ uri: 'mysql://root@127.0.0.1:3306' });
  const tally = new Map<string, number>();
  let samples = 0;
  const end = Date.now() + Number(process.argv[1] ?? 60) * 1000;
  while (Date.now() < end) {
    const [rows]: any =
      await db.query(`SELECT p.ID, p.COMMAND, p.STATE, LEFT(p.INFO, 40) AS info, t.trx_state, t.trx_id IS NOT NULL AS in_trx
      FROM information_schema.PROCESSLIST p LEFT JOIN information_schema.INNODB_TRX t ON t.trx_mysql_thread_id = p.ID
      WHERE p.DB LIKE 'tl_bench_ingest_%'`);
    if (rows.length > 0) {
      samples++;
      for (const r of rows) {
        const info = r.info
          ? String(r.info).replace(/\s+/g, ' ').split(' ').slice(0, 3).join(' ')
          : '';
        const k = `${r.COMMAND}|${r.in_trx ? 'trx' : 'notrx'}|${r.trx_state ?? ''}|${r.STATE ?? ''}|${info}`;
        tally.set(k, (tally.get(k) ?? 0) + 1);
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  console.log(`samples ${samples}`);
  for (const [k, v] of [...tally].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`${(v / samples).toFixed(2).padStart(6)}  ${k}`);
  await db.end();
}
main().then(() => process.exit(0));
