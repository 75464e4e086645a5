// The independent check of a program's audit log, run by auditors (tanlian-verify, over HTTP) and
// by the service on itself (the fsck, over its database). Streams the log once, oldest first:
// checkpoint signatures and order, every leaf's format, a replay of every ledger transaction,
// the recomputed root at every checkpoint, the consistency of every consecutive pair, and finally
// the service's balances against the replay. Stops at the first discrepancy.
import type { AuditCheckpointView, AuditKeysView } from '../contract/audit';
import { AUDIT_BALANCES_PAGE, AUDIT_CHECKPOINTS_PAGE, AUDIT_LEAVES_PAGE } from '../contract/audit';
import { equalBytes } from '../audit/bytes';
import type { Checkpoint } from '../audit/checkpoint';
import { verifyConsistency } from '../audit/consistency';
import { logHashByName, type LogHash, type LogHashName } from '../audit/hash';
import type { NoteVerifierKey } from '../audit/note-key';
import { leafHash } from '../audit/tree-hash';
import { decodeBase64 } from '../encoding/base64';
import { DiscrepancyFound, stop, type AuditDiscrepancy } from './discrepancy';
import { checkLeafBody } from './leaf-body';
import { CheckpointWindow, locateChangedLeaf } from './leaf-locator';
import { leafTransaction } from './leaf-transaction';
import { LedgerReplay } from './ledger-replay';
import { checkEveryAccountReported, compareReportedAccount } from './reported-balances';
import { checkSignedCheckpoint } from './signed-checkpoint';
import { SigningKeyChain } from '../audit/signing-key-chain';
import { fetchConsistencyProof, type AuditLogSource } from './source';
import { TreeFrontier } from './tree-frontier';
import { trustedKeysFor } from './trusted-keys';
import { keyedHash, type KeyedHash } from '../audit/resident-entry/keyed-hash';
import { AUDIT_VIEWING_PAGE } from '../contract/audit-viewing';
import { RESIDENT_ENTRY_TYPES } from './leaf-types';
import { ResidentReplay } from './resident-replay';
import type { ResidentViewSource } from './viewing-source';

export interface AuditProgress {
  readonly phase: 'residents' | 'leaves' | 'balances';
  /** Size of the latest checkpoint read so far. */
  readonly treeSize: number;
  readonly leavesChecked: number;
  readonly checkpointsChecked: number;
  readonly accountsChecked: number;
  /** With the viewing key: residents listed, and their entries checked so far. */
  readonly residentsChecked: number;
  readonly residentEntriesChecked: number;
}

export interface VerifyAuditLogOptions {
  /** The program code every leaf must carry. */
  readonly program: string;
  /** Pinned checkpoint keys. Without them, the keys the log publishes (with a warning). */
  readonly trustedKeys?: readonly NoteVerifierKey[];
  /** The log's expected origin; default the one it publishes. */
  readonly origin?: string;
  readonly onProgress?: (progress: AuditProgress) => void;
  /** Leaves between two progress reports; default 10 000. */
  readonly progressEvery?: number;
  /** Page sizes, default (and at most) the API's. */
  readonly pages?: {
    readonly leaves?: number;
    readonly checkpoints?: number;
    readonly balances?: number;
  };
  /**
   * The bureau's full per-resident replay (docs/private-log.md): every resident entry attributed,
   * checked against its chain and commitment, every resident lot never below zero and equal to the
   * service's. `hmac`: default the sdk's pure HMAC over the log's hash.
   */
  readonly viewing?: { readonly source: ResidentViewSource; readonly hmac?: KeyedHash };
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly program: string;
  readonly origin: string | null;
  readonly hash: LogHashName | null;
  /** Size of the latest checkpoint read (the one the balances are compared at, on success). */
  readonly treeSize: number;
  readonly leavesChecked: number;
  readonly checkpointsChecked: number;
  readonly accountsChecked: number;
  /** public: what anyone can check; viewing: with the bureau's per-resident replay too. */
  readonly mode: 'public' | 'viewing';
  readonly residentsChecked: number;
  readonly residentEntriesChecked: number;
  readonly discrepancy: AuditDiscrepancy | null;
  readonly warnings: readonly string[];
}

/** Errors from the source (network, database) reject; everything found wrong resolves, not ok. */
export async function verifyAuditLog(
  source: AuditLogSource,
  options: VerifyAuditLogOptions,
): Promise<AuditVerification> {
  const run = new Verification(source, options);
  let found: AuditDiscrepancy | null = null;
  try {
    await run.run();
  } catch (err) {
    if (!(err instanceof DiscrepancyFound)) throw err;
    found = err.discrepancy;
  }
  return run.result(found);
}

class Verification {
  private readonly warnings: string[] = [];
  private readonly replay = new LedgerReplay();
  private readonly progressEvery: number;
  private readonly pages: { leaves: number; checkpoints: number; balances: number };
  private logHash: LogHash | null = null;
  private origin: string | null = null;
  private keyChain = new SigningKeyChain([]);
  private frontier: TreeFrontier | null = null;
  private window: CheckpointWindow | null = null;
  private previous: Checkpoint | null = null;
  /** A leaf that failed its checks, reported once its checkpoint's root shows it is authentic. */
  private pending: AuditDiscrepancy | null = null;
  private treeSize = 0;
  private leavesChecked = 0;
  private checkpointsChecked = 0;
  private accountsChecked = 0;
  private residents: ResidentReplay | null = null;

  constructor(
    private readonly source: AuditLogSource,
    private readonly options: VerifyAuditLogOptions,
  ) {
    this.progressEvery = Math.max(1, options.progressEvery ?? 10_000);
    const page = (asked: number | undefined, max: number) =>
      Math.min(max, Math.max(1, Math.floor(asked ?? max)));
    this.pages = {
      leaves: page(options.pages?.leaves, AUDIT_LEAVES_PAGE),
      checkpoints: page(options.pages?.checkpoints, AUDIT_CHECKPOINTS_PAGE),
      balances: page(options.pages?.balances, AUDIT_BALANCES_PAGE),
    };
  }

  async run(): Promise<void> {
    this.useKeys(await this.source.keys());
    if (this.options.viewing !== undefined) await this.listResidents(this.options.viewing);
    let after = 0;
    for (;;) {
      const page = await this.source.checkpoints(after, this.pages.checkpoints);
      for (const view of page.checkpoints) await this.checkpoint(view);
      if (page.next === null) break;
      if (page.next <= after) stop('checkpoint', `checkpoint paging went back to ${page.next}`);
      after = page.next;
    }
    if (this.previous === null) {
      this.warnings.push('the log has no signed checkpoint yet: only the balances were checked');
    }
    // With no checkpoint yet, every account must hold nothing as of size 0.
    await this.balances(this.previous?.size ?? 0);
  }

  result(discrepancy: AuditDiscrepancy | null): AuditVerification {
    return {
      ok: discrepancy === null,
      program: this.options.program,
      origin: this.origin,
      hash: this.logHash?.name ?? null,
      treeSize: this.treeSize,
      leavesChecked: this.leavesChecked,
      checkpointsChecked: this.checkpointsChecked,
      accountsChecked: this.accountsChecked,
      mode: this.options.viewing === undefined ? 'public' : 'viewing',
      residentsChecked: this.residents?.residentCount ?? 0,
      residentEntriesChecked: this.residents?.entriesChecked ?? 0,
      discrepancy,
      warnings: this.warnings,
    };
  }

  private useKeys(keys: AuditKeysView): void {
    const hash = logHashByName(keys.hash);
    if (hash === undefined)
      stop('keys', `the log uses an unknown hash ${JSON.stringify(keys.hash)}`);
    const expected = this.options.origin ?? keys.origin;
    if (keys.origin !== expected) {
      stop(
        'keys',
        `the log calls itself ${JSON.stringify(keys.origin)}, not ${JSON.stringify(expected)}`,
      );
    }
    this.logHash = hash;
    this.origin = expected;
    this.keyChain = new SigningKeyChain(
      trustedKeysFor(keys, this.options.trustedKeys, this.warnings),
    );
    this.frontier = TreeFrontier.empty(hash);
    this.window = new CheckpointWindow(this.frontier.clone());
  }

  private async checkpoint(view: AuditCheckpointView): Promise<void> {
    const { checkpoint, signers } = checkSignedCheckpoint(
      view,
      this.keyChain.keys(),
      this.origin as string,
      this.previous,
    );
    this.treeSize = checkpoint.size;
    await this.leavesUpTo(checkpoint.size);
    if (this.previous !== null && this.previous.size > 0) {
      await this.consistency(this.previous, checkpoint);
    }
    await this.root(checkpoint);
    if (this.pending !== null) throw new DiscrepancyFound(this.pending);
    // Its leaves are authentic now: a retirement among them limits its signer, activations count.
    const inRange = this.keyChain.sealed(checkpoint.size, signers);
    if (!inRange.ok) stop('signature', inRange.reason);
    this.previous = checkpoint;
    this.window = new CheckpointWindow((this.frontier as TreeFrontier).clone());
    this.checkpointsChecked++;
  }

  private async leavesUpTo(size: number): Promise<void> {
    const frontier = this.frontier as TreeFrontier;
    while (frontier.size < size) {
      const start = frontier.size;
      const end = Math.min(size, start + this.pages.leaves);
      const page = await this.source.leaves(start, end);
      const privateParts = await this.privatePartsOf(start, end);
      for (let index = start; index < end; index++) {
        const leaf = page.leaves[index - start];
        const data = leaf?.index === index ? decodeBase64(leaf.data) : undefined;
        if (data === undefined) {
          // An earlier leaf's failure comes first; without this leaf the root cannot be checked.
          if (this.pending !== null) throw new DiscrepancyFound(this.pending);
          const problem =
            leaf?.index === index
              ? `leaf ${index} is not base64`
              : `the log did not return leaf ${index} (asked for leaves ${start}..${end - 1})`;
          stop('leaf', problem, { leafIndex: index });
        }
        this.leaf(data, index, privateParts);
      }
      if (privateParts !== null && privateParts.size > 0 && this.pending === null) {
        const [leafIndex] = privateParts.keys();
        stop(
          'resident_entry',
          `the service gives a private part for leaf ${leafIndex}, which is no resident entry`,
          { leafIndex },
        );
      }
    }
  }

  /** With the viewing key: the private parts of the resident entries among leaves [start, end). */
  private async privatePartsOf(start: number, end: number): Promise<Map<number, string> | null> {
    if (this.options.viewing === undefined) return null;
    const parts = new Map<number, string>();
    for (const e of (await this.options.viewing.source.entries(start, end)).entries) {
      if (e.leafIndex < start || e.leafIndex >= end || parts.has(e.leafIndex)) {
        stop(
          'resident_entry',
          `the service gives a private part for leaf ${e.leafIndex} out of place (asked for leaves ${start}..${end - 1})`,
          { leafIndex: e.leafIndex },
        );
      }
      parts.set(e.leafIndex, e.private);
    }
    return parts;
  }

  private async listResidents(
    viewing: NonNullable<VerifyAuditLogOptions['viewing']>,
  ): Promise<void> {
    const replay = new ResidentReplay(
      viewing.hmac ?? keyedHash(this.logHash as LogHash),
      this.options.program,
    );
    this.residents = replay;
    let after = 0;
    for (;;) {
      const page = await viewing.source.residents(after, AUDIT_VIEWING_PAGE);
      for (const r of page.residents) replay.addResident(r);
      this.progress('residents');
      if (page.next === null) break;
      if (page.next <= after) stop('viewing', `resident paging went back to ${page.next}`);
      after = page.next;
    }
  }

  private leaf(data: Uint8Array, index: number, privateParts: Map<number, string> | null): void {
    const hash = leafHash(this.logHash as LogHash, data);
    if (this.pending === null) {
      try {
        const body = checkLeafBody(data, index, this.options.program);
        const transaction = leafTransaction(body.transaction, index, body.version);
        if (transaction !== null) this.replay.apply(transaction, index);
        if (this.residents !== null) {
          if (body.version >= 2 && RESIDENT_ENTRY_TYPES.has(body.type)) {
            const part = privateParts?.get(index);
            privateParts?.delete(index);
            this.residents.entry(index, data, hash, (body.entry as { tag: string }).tag, part);
          } else if (transaction !== null) {
            this.residents.legacy(index, transaction.postings);
          }
        }
        const announcement = this.keyChain.observe(body, index);
        if (!announcement.ok) stop('leaf', announcement.reason, { leafIndex: index });
        this.leavesChecked++;
      } catch (err) {
        if (!(err instanceof DiscrepancyFound)) throw err;
        // Hash on to the checkpoint: if the root is wrong too, the leaf that changed is the news.
        this.pending = err.discrepancy;
      }
    }
    (this.frontier as TreeFrontier).append(hash);
    (this.window as CheckpointWindow).push(hash);
    if (this.leavesChecked % this.progressEvery === 0 && this.pending === null) {
      this.progress('leaves');
    }
  }

  private async consistency(from: Checkpoint, to: Checkpoint): Promise<void> {
    const fetched = await fetchConsistencyProof(this.source, from.size, to.size);
    const label = `checkpoints ${from.size} and ${to.size}`;
    if ('problem' in fetched) stop('consistency', `${label}: ${fetched.problem}`);
    const verified = verifyConsistency(
      this.logHash as LogHash,
      from.size,
      to.size,
      fetched.proof,
      from.rootHash,
      to.rootHash,
    );
    if (!verified.ok) {
      stop(
        'consistency',
        `${label} are not consistent: the log's history was forked or rewritten (${verified.reason})`,
      );
    }
  }

  private async root(checkpoint: Checkpoint): Promise<void> {
    if (equalBytes((this.frontier as TreeFrontier).root(), checkpoint.rootHash)) return;
    const { size } = checkpoint;
    const changed = await locateChangedLeaf(
      this.source,
      this.logHash as LogHash,
      this.window as CheckpointWindow,
      checkpoint,
    );
    const pending = this.pending;
    let message = `the first ${size} leaves do not hash to the root signed in checkpoint ${size}`;
    if (changed !== null) {
      message += `: leaf ${changed} is not the leaf the log signed (located with the log's consistency proofs)`;
      if (pending?.leafIndex === changed) message += `; it also fails a check: ${pending.message}`;
    } else if (pending !== null) {
      message += `; the first leaf failing a check is leaf ${pending.leafIndex}: ${pending.message}`;
    }
    stop('root', message, { leafIndex: changed ?? pending?.leafIndex ?? undefined });
  }

  private async balances(size: number): Promise<void> {
    this.progress('balances');
    let after = 0;
    for (;;) {
      const page = await this.source.balances(size, after, this.pages.balances);
      if (page.treeSize !== size) {
        stop('balance', `the service reported balances as of ${page.treeSize} leaves, not ${size}`);
      }
      for (const account of page.accounts) {
        compareReportedAccount(this.replay, account);
        this.accountsChecked++;
      }
      this.progress('balances');
      if (page.next === null) break;
      if (page.next <= after) stop('balance', `balance paging went back to ${page.next}`);
      after = page.next;
    }
    checkEveryAccountReported(this.replay);
    if (this.residents !== null && this.options.viewing !== undefined) {
      await this.residentBalances(this.residents, this.options.viewing.source, size);
    }
  }

  private async residentBalances(
    replay: ResidentReplay,
    source: ResidentViewSource,
    size: number,
  ): Promise<void> {
    let after = 0;
    for (;;) {
      const page = await source.balances(size, after, AUDIT_VIEWING_PAGE);
      if (page.treeSize !== size) {
        stop(
          'resident_balance',
          `the service reported resident balances as of ${page.treeSize} leaves, not ${size}`,
        );
      }
      for (const lot of page.lots) {
        replay.compareReported(lot);
        this.accountsChecked++;
      }
      this.progress('balances');
      if (page.next === null) break;
      if (page.next <= after)
        stop('resident_balance', `resident balance paging went back to ${page.next}`);
      after = page.next;
    }
    replay.checkEveryLotReported();
  }

  private progress(phase: AuditProgress['phase']): void {
    this.options.onProgress?.({
      phase,
      treeSize: this.treeSize,
      leavesChecked: this.leavesChecked,
      checkpointsChecked: this.checkpointsChecked,
      accountsChecked: this.accountsChecked,
      residentsChecked: this.residents?.residentCount ?? 0,
      residentEntriesChecked: this.residents?.entriesChecked ?? 0,
    });
  }
}
