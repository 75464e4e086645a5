// The independent audit-log verifier: the core (pure TypeScript, any AuditLogSource) and the HTTP
// source for the public API. The tanlian-verify CLI (cli.ts) is not exported: it needs Node.
export type { AuditLogSource } from './source';
export { type AuditCheck, type AuditDiscrepancy } from './discrepancy';
export {
  KNOWN_LEAF_TYPES,
  type LeafType,
  isKnownLeafType,
  LEAF_VERSIONS,
  RESIDENT_ENTRY_TYPES,
} from './leaf-types';
export {
  type AuditProgress,
  type AuditVerification,
  type VerifyAuditLogOptions,
  verifyAuditLog,
} from './verify-audit-log';
export {
  type FetchLike,
  type HttpAuditLogSourceOptions,
  AuditSourceError,
  HttpAuditLogSource,
} from './http-source';
export type { ResidentViewSource, ViewedResident } from './viewing-source';
export { ResidentReplay } from './resident-replay';
export {
  type HttpViewingSourceOptions,
  HttpViewingSource,
  ViewingKeyMismatch,
} from './http-viewing-source';
