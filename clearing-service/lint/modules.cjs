// The modules of clearing-service/src (a module is a first folder under src/), read by the
// module-boundaries lint rule (lint/module-boundaries.mjs) and the cycle test
// (test/architecture/module-cycles.spec.ts). Why each folder is where it is: lint/README.md.

/** Infrastructure every domain module may use; one layer, so its folders may import one another. */
const kernel = [
  'config',
  'database',
  'http',
  'queue',
  'cache',
  'schedule',
  'time',
  'secrets',
  'logging',
  'metrics',
  'health',
  'idempotency',
];

/** Where the product lives: they import one another only along `dependsOn`, never in a cycle. */
const domain = [
  'tenancy',
  'methodology',
  'residents',
  'ingest',
  'crediting',
  'ledger',
  'funding',
  'redemption',
  'audit',
  'callbacks',
  'merchants',
  'clearing',
  'reporting',
  'read-models',
  'invariants',
  'notifications',
];

/**
 * Domain folders whose every file is a module of its own (`read-models/event-result`), public as a
 * whole: a read model is one query across the modules it names, imported by whoever shows it.
 */
const perFile = ['read-models'];

/** Entry points (and the files at src/) may import anything; only entry points import them. */
const entry = ['cli', 'demo', 'openapi'];

/** Kernel files that gather every domain for the DataSource; they import domains' schema files. */
const composition = ['database/schema.ts'];

/**
 * What another module may import of a domain module: its module files, stores, writers, schema and
 * entities (types and repositories), its errors, the payloads of the jobs it queues for others
 * (`.job.ts`) and its invariant checks (`-invariants.ts`, which src/invariants/ runs).
 */
const publicFile =
  /(\.module|[-.]store|[-.]writer|\.schema|\.entity|-errors|\.job|-invariants)\.ts$/;

/** Public files beyond the pattern, src-relative; a folder ends with `/`. */
const publicFiles = {
  // The access layer every controller uses (the Tenancy parameter, the principal, bearer tokens).
  tenancy: ['tenancy/access/'],
  // The pure calculation: ingest checks an event's inputs with it, crediting calculates with it.
  methodology: ['methodology/calculation.ts'],
  // What the writer's callers pass and what a leaf says of the ledger: account kinds and keys, lot
  // expiry, a transaction's part of its leaf, an account's public form (audit's balances view too).
  // A resident's receipts (their leaves' proofs), which the resident account read model attaches.
  audit: ['audit/services/audit-receipts.ts'],
  ledger: [
    'ledger/ledger-account.ts',
    'ledger/points-expiry.ts',
    'ledger/transaction-leaf.ts',
    'ledger/public-account.ts',
  ],
  // A signed-in resident (the parameter decorator of resident routes).
  residents: ['residents/controllers/signed-in-resident.ts'],
  // The stamp of every capture and refund: the OPEN cycle, read under its lock.
  clearing: ['clearing/services/stamping.ts'],
};

/**
 * A domain's writing side is a module of its own in the graph (`audit:writing`): its
 * `<module>-writing.module.ts` and what that imports inside the folder (the cycle test computes
 * it). Tenancy and methodology write audit records while the rest of audit reads programs, so it
 * must import none of the modules that use it. These are its public files.
 */
const writingFiles = {
  audit: [
    'audit/audit-writing.module.ts',
    'audit/services/audit-log-writer.ts',
    'audit/services/audit-records.ts',
    'audit/services/resident-chains.ts', // residents' keys and chains, for writers of their entries
    'audit/entry-secrets.ts', // the private parts of resident entries, for their writers and readers
    'audit/leaf-data.ts', // what a leaf says, encoded by the writers of each kind of leaf
  ],
};

/** Which domain modules each domain module may import: acyclic (the lint rule checks it). */
const dependsOn = {
  'audit:writing': [],
  'read-models/event-result': [],
  'read-models/demo-progress': [],
  'read-models/reported-balances': ['ledger'],
  'read-models/cycle-evidence': [],
  'read-models/cycle-holds': [],
  'read-models/notifications-due': [],
  'read-models/resident-export': [],
  'read-models/resident-account': ['tenancy', 'audit'],
  'read-models/resident-entries': ['methodology', 'audit:writing'],
  tenancy: ['audit:writing'],
  methodology: ['tenancy', 'audit:writing'],
  residents: ['tenancy', 'read-models/resident-export'],
  notifications: ['tenancy', 'residents', 'read-models/notifications-due'],
  ingest: ['tenancy', 'methodology', 'read-models/event-result'],
  ledger: ['tenancy', 'audit:writing', 'reporting'],
  audit: [
    'tenancy',
    'residents',
    'ledger',
    'audit:writing',
    'read-models/reported-balances',
    'read-models/resident-entries',
  ],
  callbacks: ['tenancy', 'ingest', 'read-models/event-result'],
  crediting: [
    'tenancy',
    'methodology',
    'residents',
    'ingest',
    'ledger',
    'audit',
    'audit:writing',
    'callbacks',
    'read-models/resident-account',
    'reporting',
  ],
  funding: ['tenancy', 'ingest', 'ledger', 'crediting', 'audit:writing', 'callbacks'],
  invariants: ['tenancy', 'ingest', 'ledger', 'audit', 'reporting'],
  redemption: [
    'tenancy',
    'residents',
    'ledger',
    'audit:writing',
    'merchants',
    'clearing',
    'callbacks',
  ],
  clearing: [
    'tenancy',
    'ledger',
    'audit:writing',
    'callbacks',
    'funding',
    'read-models/cycle-evidence',
    'read-models/cycle-holds',
    'reporting',
  ],
  // Reporting owns the rollups; the modules whose facts it keeps call its writer, never the reverse.
  reporting: ['tenancy', 'read-models/reporting-sources', 'read-models/reduction-records'],
  'read-models/reporting-sources': [],
  'read-models/reduction-records': [],
  merchants: ['tenancy'],
};

module.exports = {
  kernel,
  domain,
  perFile,
  entry,
  composition,
  publicFile,
  publicFiles,
  writingFiles,
  dependsOn,
};
