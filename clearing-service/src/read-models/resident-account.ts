import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AccountHistoryItem,
  AccountHistoryQuery,
  AccountReceiptView,
  EventStatus,
  ResidentAccountView,
} from '@tanlian/sdk';
import { eventNumberOf, eventReference } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { AuditReceipts } from '../audit/services/audit-receipts';
import { VersionedCache } from '../cache/versioned-cache';
import type { Program } from '../tenancy/entities/program.entity';

// A resident's records: the events of their bound operator accounts (inbox rows name the
// operator's user) with the outcome decided for the resident (see the record-event-outcomes
// migration). The history lists them; the page's version counts them.
const RECORDS = `resident_bindings b
         JOIN inbox_events e ON e.program_id = b.program_id AND e.operator_id = b.participant_id
              AND e.external_user = b.external_user_id
         JOIN event_outcomes o ON o.inbox_event_id = e.id AND o.resident_id = b.resident_id`;

interface HistoryRow {
  id: string;
  event_id: string;
  operator: string;
  behaviour: string;
  started_at: Date;
  ended_at: Date;
  status: EventStatus;
  reason: string | null;
  processed_at: Date | null;
  reduction_mg: string | null;
  points: string | null;
  points_status: 'credited' | 'unfunded' | 'none' | null;
  methodology_code: string | null;
  methodology_version: number | null;
  formula: string | null;
  leaf_index: string | null;
  leaf_data: Buffer | null;
}

/**
 * A resident's carbon account: total reduction (crediting), points by lot (ledger), and the history
 * behind them: events (ingest) through the resident's bindings (residents), what was decided, and
 * each record's audit leaf with its receipt (audit), against the page's one checkpoint.
 */
@Injectable()
export class ResidentAccountReader {
  /**
   * Pages as last built, by resident and page; served while the account's version holds. A page
   * of 50 records is ~25 KB: at most ~50 MB.
   */
  private readonly pages = new VersionedCache<ResidentAccountView>(2_000);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly receipts: AuditReceipts,
  ) {}

  /** The page, from the cache when nothing it shows has changed since it was built. */
  async read(
    program: Program,
    residentId: number,
    page: AccountHistoryQuery,
  ): Promise<ResidentAccountView> {
    // Read before building: a page built after it is at least as new as it.
    const version = await this.version(program.id, residentId);
    return this.pages.get(
      `${program.id}/${residentId}/${page.limit}/${page.before ?? ''}`,
      version,
      () => this.build(program, residentId, page),
    );
  }

  /**
   * What changes whenever the page would, in one round trip: the resident's records (a credit or a
   * rejection adds one), their audit chain (every ledger transaction of theirs, a credit or a
   * release of unfunded points, writes an entry in the transaction that moves the balance), and
   * the latest checkpoint with its cosignatures (receipts appear, the page's note grows).
   */
  private async version(programId: number, residentId: number): Promise<string> {
    const [row]: {
      records: string;
      entries: string | null;
      signed: string | null;
      cosigned: string;
    }[] = await this.dataSource.query(
      `SELECT (SELECT COUNT(*) FROM ${RECORDS} WHERE b.program_id = ? AND b.resident_id = ?) AS records,
              (SELECT next_seq FROM audit_resident_chains WHERE program_id = ? AND resident_id = ?) AS entries,
              (SELECT MAX(tree_size) FROM audit_checkpoints WHERE program_id = ?) AS signed,
              (SELECT COUNT(*) FROM audit_cosignatures WHERE program_id = ? AND tree_size =
                 (SELECT MAX(tree_size) FROM audit_checkpoints WHERE program_id = ?)) AS cosigned`,
      [programId, residentId, programId, residentId, programId, programId, programId],
    );
    return `${row.records}:${row.entries ?? 0}:${row.signed ?? 0}:${row.cosigned}`;
  }

  private async build(
    program: Program,
    residentId: number,
    page: AccountHistoryQuery,
  ): Promise<ResidentAccountView> {
    const programId = program.id;
    const [totals]: { mg: string | null; unfunded: string | null }[] = await this.dataSource.query(
      `SELECT SUM(reduction_mg) AS mg, SUM(CASE WHEN points_status = 'unfunded' THEN points ELSE 0 END) AS unfunded
         FROM reductions WHERE program_id = ? AND resident_id = ?`,
      [programId, residentId],
    );
    const lots: { issuer: string; expires_on: string; balance: string }[] =
      await this.dataSource.query(
        `SELECT p.code AS issuer, DATE_FORMAT(a.expires_on, '%Y-%m-%d') AS expires_on, a.balance
         FROM ledger_accounts a JOIN participants p ON p.id = a.issuer_id
        WHERE a.program_id = ? AND a.kind = 'resident' AND a.owner_id = ? AND a.balance <> 0
        ORDER BY a.expires_on, p.code`,
        [programId, residentId],
      );
    const before = (page.before ? eventNumberOf(page.before) : null) ?? Number.MAX_SAFE_INTEGER;
    const rows: HistoryRow[] = await this.dataSource.query(
      `SELECT e.id, e.event_id, p.code AS operator, e.behaviour, e.started_at, e.ended_at, e.status,
              IF(e.status = 'accepted', NULL, o.reason) AS reason,
              o.processed_at, r.reduction_mg, r.points, r.points_status, r.methodology_code, r.methodology_version, r.formula,
              COALESCE(lt.leaf_index, lr.leaf_index) AS leaf_index,
              IF(lt.leaf_index IS NULL, lr.leaf_data, lt.leaf_data) AS leaf_data
         FROM ${RECORDS}
         JOIN participants p ON p.id = e.operator_id
         LEFT JOIN reductions r ON r.inbox_event_id = e.id
         -- The record's leaf: its points transaction when points moved, else the reduction alone.
         LEFT JOIN audit_leaves lt ON lt.program_id = e.program_id AND lt.kind = 'ledger_transaction'
               AND lt.ref_id = r.ledger_transaction_id
         LEFT JOIN audit_leaves lr ON lr.program_id = e.program_id AND lr.kind = 'reduction'
               AND lr.ref_id = r.id
        WHERE b.program_id = ? AND b.resident_id = ? AND e.id < ?
        ORDER BY e.id DESC LIMIT ?`,
      [programId, residentId, before, page.limit + 1],
    );
    const more = rows.length > page.limit;
    const shown = rows.slice(0, page.limit);
    const { checkpoint, receipts } = await this.receipts.forPage(
      program,
      shown.flatMap((r) =>
        r.leaf_index === null ? [] : [{ index: Number(r.leaf_index), data: r.leaf_data! }],
      ),
    );
    return {
      program: program.code,
      totalReductionMg: totals?.mg ?? '0',
      points: {
        balance: String(lots.reduce((sum, l) => sum + BigInt(l.balance), 0n)),
        lots: lots.map((l) => ({
          issuer: l.issuer,
          expiresOn: l.expires_on,
          points: String(l.balance),
        })),
        unfunded: totals?.unfunded ?? '0',
      },
      checkpoint,
      history: shown.map((r) =>
        historyItem(r, r.leaf_index === null ? null : (receipts.get(Number(r.leaf_index)) ?? null)),
      ),
      nextBefore: more ? eventReference(shown[shown.length - 1].id) : null,
    };
  }
}

function historyItem(r: HistoryRow, receipt: AccountReceiptView | null): AccountHistoryItem {
  return {
    reference: eventReference(r.id),
    operator: r.operator,
    eventId: r.event_id,
    behaviour: r.behaviour,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at.toISOString(),
    status: r.status,
    reason: r.reason,
    reductionMg: r.reduction_mg,
    points: r.points,
    pointsStatus: r.points_status,
    methodology: r.methodology_code ? `${r.methodology_code}@${r.methodology_version}` : null,
    formula: r.formula,
    processedAt: r.processed_at?.toISOString() ?? null,
    receipt,
  };
}
