import { readFileSync } from 'node:fs';
import {
  scanContext,
  sourceFiles,
  srcRelative,
  tableOwners,
  tableReferences,
  type ScanContext,
  type TableReference,
} from './table-references';

/**
 * Every table has one owner: the module whose migrations create it. Only the owner's files name it,
 * in SQL, as an SQL helper's table or through a repository of its entity. Queries that really span
 * modules live in the two places made for them, `src/read-models/` and `src/invariants/`; the few
 * statements left elsewhere are listed below, each with the reason it stays.
 */
const SPANNING = ['read-models', 'invariants'];

// Migrations up to this one were written before the rule and ran everywhere: they are never
// rewritten (some add columns to another module's table). Later ones are held to the rule.
const HISTORY_UNTIL = 1763702200000;
const isHistory = (file: string) => Number(/\/migrations\/(\d+)-/.exec(file)?.[1]) <= HISTORY_UNTIL;

const ALLOWED: { file: string; table: string; why: string }[] = [
  {
    file: 'audit/services/audit-log-writer.ts',
    table: 'programs',
    why: "the log's writer reads a program's code and log hash once per process; tenancy writes audit records through it, so it cannot import tenancy",
  },
  {
    file: 'ingest/services/inbox-status-store.ts',
    table: 'resident_bindings',
    why: 'waiting events whose user was bound since are found by one indexed join; apart, each sweep would read every waiting user',
  },
];

const owners = tableOwners();
const context = scanContext();

function violations(refs: TableReference[]): string[] {
  return refs.flatMap((r) => {
    const folder = r.file.split('/')[0];
    const owner = owners.get(r.table);
    if (SPANNING.includes(folder) || owner === folder || isHistory(r.file)) return [];
    if (ALLOWED.some((a) => a.file === r.file && a.table === r.table)) return [];
    const whose = owner ? `${owner}'s table ${r.table}` : `table ${r.table}`;
    return [`src/${r.file}:${r.line} names ${whose} (${r.form})`];
  });
}

const scan = (ctx: ScanContext) =>
  sourceFiles().flatMap((path) =>
    tableReferences(srcRelative(path), readFileSync(path, 'utf8'), ctx),
  );

describe('table ownership in src/', () => {
  const refs = scan(context);

  it('knows every table and sees them named in all three forms', () => {
    expect(owners.size).toBeGreaterThanOrEqual(30);
    expect(context.helpers.has('insertRows') && context.helpers.has('updateRowsById')).toBe(true);
    for (const form of ['sql', 'helper', 'repository'] as const)
      expect(refs.filter((r) => r.form === form).length).toBeGreaterThan(5);
  });

  it('has each table named only by its owner, the read models and the invariants', () => {
    expect(violations(refs)).toEqual([]);
  });

  it('keeps no allow-list entry that is no longer needed', () => {
    const stale = ALLOWED.filter(
      (a) => !refs.some((r) => r.file === a.file && r.table === a.table),
    );
    expect(stale).toEqual([]);
  });

  it('reports each form of a reach into another module, naming the file and the table', () => {
    const planted = `
      const TABLE = 'reductions';
      export class Planted {
        constructor(@InjectRepository(Program) private readonly programs: Repository<Program>) {}
        async run(db) {
          await db.query('SELECT id FROM inbox_events WHERE id = ?', [1]);
          await updateRowsById(db, 'reductions', ['points'], []);
          await updateRowsById(db, TABLE, ['points'], []);
          await db.findOneBy(Participant, { id: 1 });
        }
      }
      // A foreign key and an own table are fine.
      const own = 'CREATE TABLE x (id INT, FOREIGN KEY (p) REFERENCES programs (id))';
      const mine = 'SELECT id FROM ledger_accounts';`;
    expect(violations(tableReferences('ledger/planted.ts', planted, context))).toEqual([
      "src/ledger/planted.ts:4 names tenancy's table programs (repository)",
      "src/ledger/planted.ts:6 names ingest's table inbox_events (sql)",
      "src/ledger/planted.ts:7 names crediting's table reductions (helper)",
      "src/ledger/planted.ts:8 names crediting's table reductions (helper)",
      "src/ledger/planted.ts:9 names tenancy's table participants (repository)",
    ]);
  });
});
