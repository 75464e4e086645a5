import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { consecutiveInsertIds, insertRows, noWait, StatementQueue } from '../../src/database/sql';
import { createTestDatabase, TestDatabase } from '../support/test-config';

let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('statement_queue');
  dataSource = await new DataSource(dataSourceOptions(db.config)).initialize();
  await dataSource.query(
    'CREATE TABLE queue_probe (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, label VARCHAR(32) NOT NULL UNIQUE)',
  );
});
afterAll(async () => {
  await dataSource.destroy();
  await db.drop();
});

const labels = async (): Promise<string[]> =>
  (await dataSource.query('SELECT label FROM queue_probe ORDER BY id')).map(
    (r: { label: string }) => r.label,
  );

it('runs queued statements in order and sends nothing after the first failure', async () => {
  await dataSource.query('DELETE FROM queue_probe');
  // Autocommit, as a connection is after InnoDB rolled back a deadlocked transaction: a statement
  // sent after the failure would commit on its own.
  const queue = new StatementQueue(dataSource.manager);
  const run = queue.run(async () => {
    noWait(queue.query('INSERT INTO queue_probe (label) VALUES (?)', ['first']));
    noWait(queue.query('INSERT INTO queue_probe (label) VALUES (?)', ['first'])); // duplicate key
    noWait(queue.query('INSERT INTO queue_probe (label) VALUES (?)', ['after-failure']));
    noWait(queue.send(() => dataSource.query("INSERT INTO queue_probe (label) VALUES ('work')")));
  });
  await expect(run).rejects.toThrow(/Duplicate entry/);
  expect(await labels()).toEqual(['first']);
});

it('commits a transaction of queued statements, results available to whoever awaits them', async () => {
  await dataSource.query('DELETE FROM queue_probe');
  const ids = await dataSource.transaction(async (tx) => {
    const queue = new StatementQueue(tx);
    return queue.run(async () => {
      const inserted = insertRows(queue, 'queue_probe', ['label'], [['a'], ['b'], ['c']]);
      noWait(
        queue.query("UPDATE queue_probe SET label = CONCAT(label, '!') WHERE label = ?", ['b']),
      );
      return consecutiveInsertIds(tx, await inserted, 3);
    });
  });
  const rows: { id: number; label: string }[] = await dataSource.query(
    'SELECT id, label FROM queue_probe ORDER BY id',
  );
  expect(rows.map((r) => r.label)).toEqual(['a', 'b!', 'c']);
  // MariaDB's default auto-increment lock mode numbers a multi-row INSERT consecutively.
  expect(ids).toEqual(rows.map((r) => Number(r.id)));
});

it('gives no ids for an insert that skipped duplicates, so the caller reads them back', async () => {
  await dataSource.query('DELETE FROM queue_probe');
  await dataSource.query("INSERT INTO queue_probe (label) VALUES ('x')");
  const inserted = await insertRows(
    dataSource.manager,
    'queue_probe',
    ['label'],
    [['w'], ['x'], ['y']],
    'ON DUPLICATE KEY UPDATE id = id',
  );
  expect(await consecutiveInsertIds(dataSource.manager, inserted, 3)).toBeNull();
});
