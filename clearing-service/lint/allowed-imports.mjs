// Imports that break tanlian/module-boundaries today, each `from -> to` (src-relative), kept so
// that any new one fails lint; an entry whose import is gone fails lint too, so remove it then.
// All are reads of another module's tables through its services, waiting for the stores and read
// models of issue 11 part 1 (table ownership).
export const allowedImports = [
  // Programs, for the fsck timer and the audit routes.
  'audit/services/audit-fsck-schedule.ts -> tenancy/services/programs.service.ts',
  'audit/services/audit-programs.ts -> tenancy/services/programs.service.ts',
  // The crediting batch's inputs: methodologies in force, residents' bindings.
  'crediting/services/crediting-batch.ts -> methodology/services/methodology-catalog.ts',
  'crediting/services/crediting-batch.ts -> residents/services/residents.service.ts',
  // The crediting wake-up queue ingest produces into and crediting consumes.
  'crediting/services/crediting.processor.ts -> ingest/services/crediting-wakeups.ts',
  // A resident's receipts (audit leaves) in the account view.
  'crediting/services/resident-account.reader.ts -> audit/services/audit-receipts.ts',
  // The push path's cached lookups of programs, operators, webhook keys and methodologies.
  'ingest/services/ingest-lookups.ts -> methodology/services/methodology-catalog.ts',
  'ingest/services/ingest-lookups.ts -> tenancy/services/participants.service.ts',
  'ingest/services/ingest-lookups.ts -> tenancy/services/programs.service.ts',
  'ingest/services/ingest-lookups.ts -> tenancy/services/webhook-secrets.service.ts',
  // A program by code, for public routes.
  'methodology/controllers/published-methodologies.controller.ts -> tenancy/services/programs.service.ts',
  'residents/controllers/resident-sessions.controller.ts -> tenancy/services/programs.service.ts',
];
