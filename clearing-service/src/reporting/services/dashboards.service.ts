import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  ActiveResidentsQuery,
  ActiveResidentsView,
  CyclePositionsView,
  PointFlowsQuery,
  PointFlowsView,
  ReductionRecordsQuery,
  ReductionRecordsView,
  ReductionsChartView,
  ReductionsQuery,
} from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import { FieldError } from '../../http/domain-error';
import { pageOf } from '../../http/page-of';
import { reductionRecords } from '../../read-models/reduction-records';
import type { Program } from '../../tenancy/entities/program.entity';
import { operatorsOf, participantCodes } from '../../tenancy/services/participants-store';
import { chinaDayStart, DAY_MS } from '../../time/china-time';
import { activeCounts, cyclePositions, flowTotals, reductionTotals } from './dashboards-store';

/** Whose share a request sees: the whole program (bureau, admin) or one operator's. */
export type DashboardScope = { operatorId: number } | { operatorId: null };

const district = (code: string) => (code === '' ? 'none' : code);

/** The dashboards' figures, from reporting's rollups; an operator's scope sees its own rows only. */
@Injectable()
export class Dashboards {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The operator the request is limited to: its scope's, or the `operator` filter's (checked). */
  private async operatorOf(program: Program, scope: DashboardScope, code?: string) {
    const operators = await operatorsOf(this.db, program.id);
    if (scope.operatorId !== null) {
      if (code !== undefined && operators.get(scope.operatorId)?.code !== code)
        throw new FieldError('operator', 'is the operator of the path; another one is not yours');
      return { operatorId: scope.operatorId, operators };
    }
    if (code === undefined) return { operatorId: undefined, operators };
    const found = [...operators].find(([, o]) => o.code === code);
    if (!found) throw new FieldError('operator', 'is not an operator of this program');
    return { operatorId: found[0], operators };
  }

  async reductions(
    program: Program,
    scope: DashboardScope,
    q: ReductionsQuery,
  ): Promise<ReductionsChartView> {
    const { operatorId, operators } = await this.operatorOf(program, scope, q.operator);
    const rows = await reductionTotals(
      this.db,
      {
        programId: program.id,
        from: q.from,
        to: q.to,
        operatorId,
        behaviour: q.behaviour,
        district: q.district === 'none' ? '' : q.district,
      },
      q.groupBy,
      q.period,
    );
    const keyOf = (key: string) =>
      q.groupBy === 'operator'
        ? (operators.get(Number(key))?.code ?? key)
        : q.groupBy === 'district'
          ? district(key)
          : key;
    return {
      groupBy: q.groupBy,
      period: q.period,
      rows: rows.map((r) => ({
        key: keyOf(r.key),
        reductionMg: r.mg,
        points: r.points,
        events: r.events,
      })),
    };
  }

  async activeResidents(
    program: Program,
    scope: DashboardScope,
    q: ActiveResidentsQuery,
  ): Promise<ActiveResidentsView> {
    const { operatorId } = await this.operatorOf(program, scope, q.operator);
    const rows = await activeCounts(this.db, program.id, q.period, q.from, q.to, operatorId ?? 0);
    return { period: q.period, rows };
  }

  async pointFlows(
    program: Program,
    scope: DashboardScope,
    q: PointFlowsQuery,
  ): Promise<PointFlowsView> {
    const { operatorId, operators } = await this.operatorOf(program, scope, q.operator);
    const byIssuer = new Map<number, PointFlowsView['rows'][number]>();
    for (const r of await flowTotals(this.db, program.id, q.from, q.to, operatorId)) {
      let row = byIssuer.get(r.issuerId);
      if (!row)
        byIssuer.set(
          r.issuerId,
          (row = {
            issuer: operators.get(r.issuerId)?.code ?? String(r.issuerId),
            issued: '0',
            redeemed: '0',
            expired: '0',
            cancelled: '0',
          }),
        );
      row[r.figure as 'issued'] = r.points;
    }
    return { rows: [...byIssuer.values()] };
  }

  async cycles(
    program: Program,
    scope: DashboardScope,
    operator?: string,
  ): Promise<CyclePositionsView> {
    const { operatorId } = await this.operatorOf(program, scope, operator);
    const rows = await cyclePositions(this.db, program.id, operatorId);
    const codes = await participantCodes(
      this.db,
      rows.map((r) => Number(r.participant_id)).filter((id) => id > 0),
    );
    return {
      rows: rows.map((r) => ({
        cycle: Number(r.cycle_seq),
        participant:
          Number(r.participant_id) === 0
            ? 'platform'
            : (codes.get(Number(r.participant_id)) ?? String(r.participant_id)),
        obligationPoints: String(r.obligation_points),
        receivableFen: String(r.receivable_fen),
        payableFen: String(r.payable_fen),
        feeFen: String(r.fee_fen),
        netFen: String(r.net_fen),
      })),
    };
  }

  /** The drill-down: the reductions behind a bar, newest first, by cursor. */
  async records(
    program: Program,
    scope: DashboardScope,
    q: ReductionRecordsQuery,
  ): Promise<ReductionRecordsView> {
    const { operatorId, operators } = await this.operatorOf(program, scope, q.operator);
    const rows = await reductionRecords(this.db, {
      programId: program.id,
      from: new Date(chinaDayStart(q.from)),
      to: new Date(chinaDayStart(q.to) + DAY_MS),
      operatorId,
      behaviour: q.behaviour,
      district: q.district === 'none' ? '' : q.district,
      before: q.before === undefined ? undefined : Number(q.before),
      limit: q.limit + 1,
    });
    const page = pageOf(rows, q.limit, (r) => String(r.id));
    return {
      items: page.rows.map((r) => ({
        id: String(r.id),
        operator: operators.get(r.operatorId)?.code ?? String(r.operatorId),
        behaviour: r.behaviour,
        district: district(r.district),
        startedAt: r.startedAt.toISOString(),
        reductionMg: String(r.reductionMg),
        points: String(r.points),
      })),
      next: page.next,
    };
  }
}
