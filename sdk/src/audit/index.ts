// Client-side verification of Tanlian's Merkle audit log: RFC 9162 tree hashing and proofs,
// C2SP signed notes and checkpoints, and resident receipts. Pure TypeScript for the mini-program.
export { type AuditFailure, type AuditFailureCode, type AuditResult } from './result';
export { encodeBase64, decodeBase64 } from '../encoding/base64';
export {
  type LogHash,
  type LogHashName,
  LOG_HASH_SIZE,
  sha256LogHash,
  sm3LogHash,
  logHashByName,
} from './hash';
export { sm3 } from './sm3';
export { leafHash, nodeHash, emptyRoot } from './tree-hash';
export { MerkleTree, rootFromLeafHashes, inclusionProof, consistencyProof } from './merkle-tree';
export { type Proof } from './proof-chain';
export { rootFromInclusionProof, verifyInclusion } from './inclusion';
export { rootFromConsistencyProof, verifyConsistency } from './consistency';
export {
  type NoteSigner,
  type NoteVerifierKey,
  type ParsedVerifierKey,
  noteKeyId,
  formatKeyId,
  formatVerifierKey,
  parseVerifierKey,
  publicKeyFromSecret,
} from './note-key';
export {
  type NoteSignatureLine,
  MAX_NOTE_SIGNATURES,
  parseNote,
  signNote,
  addSignature,
} from './note';
export { type NoteSignerId, verifyNote } from './note-verify';
export {
  type Checkpoint,
  type CheckpointInput,
  formatCheckpoint,
  parseCheckpoint,
} from './checkpoint';
export {
  type KeyAnnouncement,
  type ReceiptInput,
  type ReceiptLeaf,
  type ReceiptResult,
  type ReceiptStep,
  type ReceiptTrust,
  verifyReceipt,
  trustedChain,
  signedCheckpoint,
} from './receipt';
export {
  type PageReceiptInput,
  type VerifiedCheckpoint,
  type VerifiedCheckpointResult,
  verifyPageCheckpoint,
  verifyInCheckpoint,
  verifyPageReceipt,
} from './page-receipt';
export { canonicalJson, type CanonicalValue } from '../encoding/canonical-json';
export {
  type ParsedCosignature,
  type WitnessedTreeHead,
  type WitnessInput,
  COSIGNATURE_V1_ALGORITHM,
  cosignatureKeyId,
  cosignatureMessage,
  cosignCheckpoint,
  formatCosignatureVerifierKey,
  parseCosignatureVerifierKey,
  parseCosignature,
  verifyCosignature,
  witnessCheckpoint,
  appendCosignatures,
} from './cosignature';
export { SigningKeyChain, SIGNING_KEY_LEAF_TYPES } from './signing-key-chain';
export * from './tiles';
export { type KeyedHash, keyedHash } from './resident-entry/keyed-hash';
export {
  CHAIN_START,
  RESIDENT_KEY_SIZE,
  RESIDENT_TAG_SIZE,
  entryCommitment,
  residentTag,
} from './resident-entry/resident-tag';
export {
  type ChainState,
  type ResidentEntryInput,
  type ResidentEntryLeaf,
  LEAF_FORMAT_2,
  formatLeaf,
  residentEntryLeaf,
} from './resident-entry/entry-leaf';
export {
  type AccountCheck,
  type AccountCheckInput,
  type AccountCheckStep,
  type AccountEntry,
  type AccountKey,
  type AccountLot,
  verifyAccount,
} from './resident-entry/verify-account';
export {
  type ViewingKey,
  VIEWING_KEY_SIZE,
  WRAPPED_KEY_SIZE,
  formatViewingKey,
  parseViewingKey,
  unwrapResidentKey,
  wrapResidentKey,
} from './resident-entry/viewing-key';
