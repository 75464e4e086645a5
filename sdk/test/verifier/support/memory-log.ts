// An in-memory audit log served the way the clearing service serves its own: leaves, a signed
// checkpoint at each of a few sizes, consistency proofs from the tree the log signed, and the
// ledger's balances as of the latest checkpoint. Tests tamper with what is *served* and check that
// the verifier notices.
import {
  canonicalJson,
  encodeBase64,
  formatCheckpoint,
  formatVerifierKey,
  logHashByName,
  MerkleTree,
  signNote,
  type AuditAccountBalance,
  type AuditBalancesView,
  type AuditCheckpointView,
  type AuditCheckpointsView,
  type AuditConsistencyProofView,
  type AuditKeysView,
  type AuditLeavesView,
  type AuditLogSource,
  type LogHashName,
  type NoteSigner,
  type NoteVerifierKey,
  tileFormatOf,
} from '../../../src';
import { publicAccountKey } from '../../../src/verifier/leaf-transaction';
import { testKey } from '../../audit/support/keys';
import { PROGRAM, type Body } from './leaf-bodies';

export const LOG_KEY = testKey('tanlian.test-log');

export function encodeLeaf(body: Body): Uint8Array {
  return new Uint8Array([1, ...Buffer.from(canonicalJson(body), 'utf8')]);
}

export interface MemoryLogOptions {
  checkpointSizes: number[];
  hash?: LogHashName;
  program?: string;
}

export class MemoryLog implements AuditLogSource {
  readonly origin: string;
  readonly hashName: LogHashName;
  /** The leaves as signed; `served` is what the source answers and tests may alter. */
  readonly signed: Uint8Array[];
  readonly served: Uint8Array[];
  readonly tree: MerkleTree;
  readonly checkpointList: AuditCheckpointView[];
  /** The service's balances as of the latest checkpoint, by public account key. */
  readonly reported: Map<string, AuditAccountBalance>;
  readonly calls: string[] = [];
  /** The keys `keys()` publishes. */
  readonly published: NoteVerifierKey[] = [LOG_KEY.verifier];
  /** How many of the first published keys the log calls genesis (trusted from its start). */
  genesisKeys = 1;

  constructor(
    readonly bodies: Body[],
    options: MemoryLogOptions,
  ) {
    this.hashName = options.hash ?? 'sha256';
    const program = options.program ?? PROGRAM;
    this.origin = `tanlian.test/${program}/${this.hashName}`;
    this.signed = bodies.map(encodeLeaf);
    this.served = [...this.signed];
    this.tree = new MerkleTree(logHashByName(this.hashName)!);
    for (const data of this.signed) this.tree.appendData(data);
    this.checkpointList = options.checkpointSizes.map((size) =>
      this.checkpointView(size, this.tree.root(size), LOG_KEY.signer),
    );
    const latest = options.checkpointSizes[options.checkpointSizes.length - 1] ?? 0;
    this.reported = ledgerBalances(bodies.slice(0, latest));
  }

  get verifierKey(): NoteVerifierKey {
    return LOG_KEY.verifier;
  }

  checkpointView(size: number, root: Uint8Array, signer: NoteSigner): AuditCheckpointView {
    const note = signNote(formatCheckpoint({ origin: this.origin, size, rootHash: root }), signer);
    return {
      treeSize: size,
      rootHash: encodeBase64(root),
      signedAt: '2026-11-21T08:00:00.000Z',
      note,
      cosigners: [],
    };
  }

  async keys(): Promise<AuditKeysView> {
    this.calls.push('keys');
    return {
      origin: this.origin,
      hash: this.hashName,
      tiles: tileFormatOf(this.hashName),
      signer: LOG_KEY.signer.name,
      sealing: { status: 'sealed', unsealedAgeSeconds: 0 },
      keys: this.published.map((key, i) => {
        const vkey = formatVerifierKey(key);
        const genesis = i < this.genesisKeys;
        return {
          name: key.name,
          keyId: vkey.split('+')[1],
          vkey,
          state: 'active' as const,
          genesis,
          activatedAt: genesis ? 0 : null,
          retiredAt: null,
        };
      }),
      witnesses: [],
    };
  }

  async checkpoints(after: number, limit: number): Promise<AuditCheckpointsView> {
    this.calls.push(`checkpoints ${after} ${limit}`);
    const rest = this.checkpointList.filter((c) => c.treeSize > after);
    const page = rest.slice(0, limit);
    return {
      checkpoints: page,
      next: rest.length > limit ? page[page.length - 1].treeSize : null,
    };
  }

  async leaves(start: number, end: number): Promise<AuditLeavesView> {
    this.calls.push(`leaves ${start} ${end}`);
    const leaves = this.served.slice(start, end).map((data, i) => ({
      index: start + i,
      kind: 'ledger_transaction',
      data: encodeBase64(data),
    }));
    return { start, end, leaves };
  }

  async consistencyProof(from: number, to: number): Promise<AuditConsistencyProofView> {
    this.calls.push(`consistency ${from} ${to}`);
    return { from, to, proof: this.tree.consistencyProof(from, to).map(encodeBase64) };
  }

  async balances(size: number, after: number, limit: number): Promise<AuditBalancesView> {
    this.calls.push(`balances ${size} ${after} ${limit}`);
    // As the service pages them: in key order, `after` accounts skipped.
    const all = [...this.reported].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
    const page = all.slice(after, after + limit);
    return {
      treeSize: size,
      accounts: page,
      next: after + limit < all.length ? after + limit : null,
    };
  }

  /** The reported balance of the public account `account` is posted to (a resident: their pool). */
  reportedOf(account: Parameters<typeof publicAccountKey>[0]): AuditAccountBalance {
    return this.reported.get(publicAccountKey(account))!;
  }
}

/**
 * The public accounts a service would report after these leaves (cached balance = posted sum):
 * organisations' accounts, residents' lots pooled per asset and expiry. By public account key.
 */
function ledgerBalances(bodies: Body[]): Map<string, AuditAccountBalance> {
  const accounts = new Map<string, AuditAccountBalance>();
  for (const body of bodies) {
    const tx = body.transaction as { postings: Array<Record<string, string | null>> } | null;
    for (const p of tx?.postings ?? []) {
      const resident = p.kind === 'resident';
      const account = {
        kind: p.kind as AuditAccountBalance['kind'],
        asset: p.asset as string,
        owner: resident ? null : p.owner,
        expiresOn: resident ? p.expiresOn : null,
      };
      const key = publicAccountKey(account);
      const known = accounts.get(key);
      const sum = String(BigInt(known?.posted ?? '0') + BigInt(p.amount as string));
      accounts.set(key, { ...account, balance: sum, posted: sum });
    }
  }
  return accounts;
}
