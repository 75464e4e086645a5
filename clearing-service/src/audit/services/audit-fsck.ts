import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { verifyAuditLog, type AuditDiscrepancyView, type AuditFsckView } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ProgramLease } from '../../schedule/program-lease';
import type { Program } from '../../tenancy/entities/program.entity';
import { AuditBalances } from './audit-balances';
import { AuditCheckpoints } from './audit-checkpoints';
import { checkpointOrigin } from './audit-integrator';
import { AuditSigningKeys } from './audit-signing-keys';
import { AuditLogReader } from './audit-log-reader';
import { ServiceLogSource } from './service-log-source';
import { AuditViewing } from './audit-viewing';
import { nodeKeyedHash } from './resident-chains';
import { ServiceViewSource } from './service-view-source';
import { nodeLogHash } from '../tree/log-hash';

/** A check holds its program's lease this long at most; a dead worker's lease runs out. */
const LEASE_SECONDS = 3600;

interface ResultRow {
  status: 'pass' | 'fail' | null;
  checked_at: Date | null;
  tree_size: string;
  accounts_checked: number;
  duration_ms: number;
  discrepancy: string | null;
}

/**
 * The fsck: the service runs the independent verifier (@tanlian/sdk verifyAuditLog) on its own
 * log, through the same services that serve auditors, pinned to its genesis keys, with the
 * bureau's per-resident replay (every resident's chain, commitments and lots); and keeps
 * the latest result per program for the bureau's API and /metrics.
 */
@Injectable()
export class AuditFsck {
  private readonly logger = new Logger('audit-fsck');
  private readonly lease: ProgramLease;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly signingKeys: AuditSigningKeys,
    private readonly reader: AuditLogReader,
    private readonly checkpoints: AuditCheckpoints,
    private readonly balances: AuditBalances,
    private readonly viewing: AuditViewing,
  ) {
    this.lease = new ProgramLease(
      db,
      { table: 'audit_fsck_results', column: 'claimed_until' },
      LEASE_SECONDS,
    );
  }

  /** Checks one program's log now and stores the result (whoever else holds the lease). */
  async check(program: Program): Promise<AuditFsckView> {
    const started = Date.now();
    const source = new ServiceLogSource(program, this.reader, this.checkpoints, this.balances);
    const result = await verifyAuditLog(source, {
      program: program.code,
      // Pinned like an auditor who trusts the log's first key: every later key must come
      // through the log's own announcements.
      trustedKeys: (await this.signingKeys.ofLog(program.id))
        .filter((k) => k.genesis)
        .map(({ name, publicKey }) => ({ name, publicKey })),
      origin: checkpointOrigin(this.config.audit.originPrefix, program.code, program.auditHash),
      // The bureau's full replay, every resident's keys opened under the keyring (no viewing key
      // needed in-process), HMAC through node:crypto.
      viewing: {
        source: new ServiceViewSource(program, this.viewing),
        hmac: nodeKeyedHash(nodeLogHash(program.auditHash)),
      },
    });
    const d = result.discrepancy;
    const discrepancy: AuditDiscrepancyView | null = d
      ? { check: d.check, message: d.message, leafIndex: d.leafIndex, account: d.account }
      : null;
    // checked_at from the database clock, which the lease and interval compare against.
    await this.db.query(
      `INSERT INTO audit_fsck_results
         (program_id, status, checked_at, tree_size, accounts_checked, duration_ms, discrepancy, claimed_until)
       VALUES (?, ?, NOW(3), ?, ?, ?, ?, NULL)
       ON DUPLICATE KEY UPDATE status = VALUES(status), checked_at = VALUES(checked_at),
         tree_size = VALUES(tree_size), accounts_checked = VALUES(accounts_checked),
         duration_ms = VALUES(duration_ms), discrepancy = VALUES(discrepancy), claimed_until = NULL`,
      [
        program.id,
        result.ok ? 'pass' : 'fail',
        result.treeSize,
        result.accountsChecked,
        Date.now() - started,
        discrepancy ? JSON.stringify(discrepancy) : null,
      ],
    );
    if (discrepancy) {
      const where = [
        discrepancy.leafIndex !== null ? `leaf ${discrepancy.leafIndex}` : null,
        discrepancy.account !== null ? `account ${discrepancy.account}` : null,
      ].filter(Boolean);
      this.logger.error(
        `${program.code}: audit log check FAILED (${[discrepancy.check, ...where].join(', ')}): ${discrepancy.message}`,
      );
    }
    return this.latest(program.id);
  }

  /** Gives the lease back after a check that could not run (e.g. the database went away). */
  release(programId: number): Promise<void> {
    return this.lease.release(programId);
  }

  /**
   * Takes the program's lease when its last check is older than the interval and nobody holds it.
   * True: this worker runs the check now.
   */
  claim(programId: number): Promise<boolean> {
    return this.lease.claim(programId, {
      sql: 'checked_at IS NULL OR checked_at <= NOW(3) - INTERVAL ? MICROSECOND',
      params: [(this.config.audit.fsckIntervalMs - 50) * 1000],
    });
  }

  /** The latest result, as the bureau and /metrics see it. */
  async latest(programId: number): Promise<AuditFsckView> {
    const [row]: ResultRow[] = await this.db.query(
      `SELECT status, checked_at, tree_size, accounts_checked, duration_ms, discrepancy
         FROM audit_fsck_results WHERE program_id = ?`,
      [programId],
    );
    if (!row?.status) {
      return {
        status: 'not_run',
        checkedAt: null,
        treeSize: 0,
        accountsChecked: 0,
        durationMs: 0,
        discrepancy: null,
      };
    }
    return {
      status: row.status,
      checkedAt: row.checked_at!.toISOString(),
      treeSize: Number(row.tree_size),
      accountsChecked: row.accounts_checked,
      durationMs: row.duration_ms,
      discrepancy: row.discrepancy ? (JSON.parse(row.discrepancy) as AuditDiscrepancyView) : null,
    };
  }
}
