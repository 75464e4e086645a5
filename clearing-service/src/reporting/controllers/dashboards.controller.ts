import { Controller, Get, Query, Res, type Type } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  ActiveResidentsQuery,
  ActiveResidentsView,
  CyclePositionsQuery,
  CyclePositionsView,
  PointFlowsQuery,
  PointFlowsView,
  ReductionRecordsQuery,
  ReductionRecordsView,
  ReductionsChartView,
  ReductionsQuery,
} from '@tanlian/sdk';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { ZodPipe } from '../../http/zod-pipe';
import { Allow, Tenancy } from '../../tenancy/access/access.decorators';
import type { PrincipalRole } from '@tanlian/sdk';
import { TenancyContext } from '../../tenancy/access/tenancy-context';
import { Dashboards, type DashboardScope } from '../services/dashboards.service';
import {
  answer,
  CYCLE_COLUMNS,
  DashboardAnswer,
  FILTERS,
  POINT_COLUMNS,
  RANGE,
} from './dashboard-answers';

const OPERATOR = { operator: 'optional: an operator code (on an operator’s route, its own only)' };

/**
 * The dashboards' routes at `path`, for `roles`, over the share `scopeOf` gives a request: made
 * twice (the program's and one operator's), so both answer alike.
 */
function dashboardsController(
  name: string,
  path: string,
  roles: PrincipalRole[],
  scopeOf: (t: TenancyContext) => DashboardScope,
): Type<unknown> {
  @ApiTags('dashboards')
  @ApiParam({ name: 'program', description: 'Program code' })
  @(path.includes(':participant')
    ? ApiParam({ name: 'participant', description: 'Operator code' })
    : () => undefined)
  @Controller(path)
  class DashboardsController {
    constructor(private readonly dashboards: Dashboards) {}

    @Get('reductions')
    @Allow(...roles)
    @ApiOperation({ summary: 'Reductions and points per period, district, behaviour or operator' })
    @DashboardAnswer(ReductionsChartView, {
      ...RANGE,
      ...FILTERS,
      ...OPERATOR,
      groupBy: 'period, district, behaviour or operator (default period)',
    })
    async reductions(
      @Tenancy() t: TenancyContext,
      @Query(new ZodPipe(ReductionsQuery, 'query')) q: z.infer<typeof ReductionsQuery>,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      const view = await this.dashboards.reductions(t.program, scopeOf(t), q);
      return answer(
        view,
        q.format,
        ['key', 'reductionMg', 'points', 'events'],
        reply,
        'reductions',
      );
    }

    @Get('reductions/records')
    @Allow(...roles)
    @ApiOperation({ summary: 'The reductions behind a bar (drill-down), newest first, by cursor' })
    @DashboardAnswer(
      ReductionRecordsView,
      {
        from: RANGE.from,
        to: RANGE.to,
        ...FILTERS,
        ...OPERATOR,
        before: 'optional: the previous page’s next',
        limit: 'optional: 1-200, default 50',
      },
      false,
    )
    records(
      @Tenancy() t: TenancyContext,
      @Query(new ZodPipe(ReductionRecordsQuery, 'query')) q: z.infer<typeof ReductionRecordsQuery>,
    ): Promise<ReductionRecordsView> {
      return this.dashboards.records(t.program, scopeOf(t), q);
    }

    @Get('active-residents')
    @Allow(...roles)
    @ApiOperation({ summary: 'Distinct active residents, each period counted on its own' })
    @DashboardAnswer(ActiveResidentsView, { ...RANGE, ...OPERATOR })
    async activeResidents(
      @Tenancy() t: TenancyContext,
      @Query(new ZodPipe(ActiveResidentsQuery, 'query')) q: z.infer<typeof ActiveResidentsQuery>,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      const view = await this.dashboards.activeResidents(t.program, scopeOf(t), q);
      return answer(view, q.format, ['periodStart', 'residents'], reply, 'active-residents');
    }

    @Get('points')
    @Allow(...roles)
    @ApiOperation({ summary: 'Points issued, redeemed, expired and cancelled per issuer' })
    @DashboardAnswer(PointFlowsView, { ...RANGE, ...OPERATOR })
    async points(
      @Tenancy() t: TenancyContext,
      @Query(new ZodPipe(PointFlowsQuery, 'query')) q: z.infer<typeof PointFlowsQuery>,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      const view = await this.dashboards.pointFlows(t.program, scopeOf(t), q);
      return answer(view, q.format, POINT_COLUMNS, reply, 'points');
    }

    @Get('cycles')
    @Allow(...roles)
    @ApiOperation({ summary: 'Clearing obligations and net positions per cycle and participant' })
    @DashboardAnswer(CyclePositionsView, { format: RANGE.format, ...OPERATOR })
    async cycles(
      @Tenancy() t: TenancyContext,
      @Query(new ZodPipe(CyclePositionsQuery, 'query')) q: z.infer<typeof CyclePositionsQuery>,
      @Res({ passthrough: true }) reply: FastifyReply,
    ) {
      const view = await this.dashboards.cycles(t.program, scopeOf(t), q.operator);
      return answer(view, q.format, CYCLE_COLUMNS, reply, 'cycles');
    }
  }
  Object.defineProperty(DashboardsController, 'name', { value: name });
  return DashboardsController;
}

/** The bureau's dashboards over its whole program (and the admin's). */
export const ProgramDashboardsController = dashboardsController(
  'ProgramDashboardsController',
  'v1/programs/:program/dashboards',
  ['admin', 'bureau'],
  () => ({ operatorId: null }),
);

/** One operator's share: its own rows only, whoever asks (merchants have none). */
export const OperatorDashboardsController = dashboardsController(
  'OperatorDashboardsController',
  'v1/programs/:program/participants/:participant/dashboards',
  ['admin', 'bureau', 'operator'],
  (t) => ({ operatorId: t.participant.id }),
);
