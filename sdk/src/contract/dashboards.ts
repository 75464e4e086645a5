import { z } from 'zod';
import { IntegerString } from './integer-string';

// The environment bureau's dashboards (clearing-service/src/reporting/README.md): figures from
// rollups kept incrementally, per China day, ISO week (Monday first) or month.

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real day');

export const DashboardPeriod = z.enum(['day', 'week', 'month']).describe('China time');
export type DashboardPeriod = z.infer<typeof DashboardPeriod>;

export const ReductionsGroupBy = z.enum(['period', 'district', 'behaviour', 'operator']);
export type ReductionsGroupBy = z.infer<typeof ReductionsGroupBy>;

/** `none`: reductions whose events named no district. */
const DistrictFilter = z
  .string()
  .regex(/^(\d{6}|none)$/, 'must be a 6-digit GB/T 2260 code or none')
  .describe('GB/T 2260 code as events carry it, or none');

const DashboardRange = {
  from: Day.describe('First China day of the range (inclusive)'),
  to: Day.describe('Last China day of the range (inclusive)'),
  period: DashboardPeriod.default('day'),
  format: z.enum(['json', 'csv']).default('json').describe('csv: the chart’s data as CSV'),
};

const Filters = {
  behaviour: z.string().min(1).max(32).optional(),
  operator: z.string().min(1).max(64).optional().describe('Operator code (bureau and admin only)'),
  district: DistrictFilter.optional(),
};

const checkRange = <T extends { from: string; to: string }>(q: T, ctx: z.RefinementCtx) => {
  if (q.to < q.from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (Date.parse(q.to) - Date.parse(q.from) > 400 * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be at most 400 days after from' });
};

export const ReductionsQuery = z
  .strictObject({ ...DashboardRange, ...Filters, groupBy: ReductionsGroupBy.default('period') })
  .superRefine(checkRange);
export type ReductionsQuery = z.infer<typeof ReductionsQuery>;

export const ActiveResidentsQuery = z
  .strictObject({ ...DashboardRange, operator: Filters.operator })
  .superRefine(checkRange);
export type ActiveResidentsQuery = z.infer<typeof ActiveResidentsQuery>;

export const PointFlowsQuery = z
  .strictObject({ ...DashboardRange, operator: Filters.operator })
  .superRefine(checkRange);
export type PointFlowsQuery = z.infer<typeof PointFlowsQuery>;

export const CyclePositionsQuery = z.strictObject({
  format: DashboardRange.format,
  operator: Filters.operator,
});
export type CyclePositionsQuery = z.infer<typeof CyclePositionsQuery>;

export const ReductionRecordsQuery = z
  .strictObject({
    from: DashboardRange.from,
    to: DashboardRange.to,
    ...Filters,
    before: z
      .string()
      .regex(/^\d{1,18}$/, 'must be a record id')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkRange);
export type ReductionRecordsQuery = z.infer<typeof ReductionRecordsQuery>;

export const ReductionsChartView = z.object({
  groupBy: ReductionsGroupBy,
  period: DashboardPeriod,
  rows: z.array(
    z.object({
      key: z
        .string()
        .describe(
          'The period’s first day, the district code (none), the behaviour or the operator code',
        ),
      reductionMg: IntegerString,
      points: IntegerString,
      events: IntegerString,
    }),
  ),
});
export type ReductionsChartView = z.infer<typeof ReductionsChartView>;

export const ActiveResidentsView = z.object({
  period: DashboardPeriod,
  rows: z.array(
    z.object({
      periodStart: z.string(),
      residents: z
        .number()
        .int()
        .describe('Distinct residents active in this period; never add periods up'),
    }),
  ),
});
export type ActiveResidentsView = z.infer<typeof ActiveResidentsView>;

export const PointFlowsView = z.object({
  rows: z.array(
    z.object({
      issuer: z.string(),
      issued: IntegerString,
      redeemed: IntegerString,
      expired: IntegerString,
      cancelled: IntegerString,
    }),
  ),
});
export type PointFlowsView = z.infer<typeof PointFlowsView>;

export const CyclePositionsView = z.object({
  rows: z.array(
    z.object({
      cycle: z.number().int(),
      participant: z.string().describe('Participant code; platform for the fee'),
      obligationPoints: IntegerString,
      receivableFen: IntegerString,
      payableFen: IntegerString,
      feeFen: IntegerString,
      netFen: IntegerString,
    }),
  ),
});
export type CyclePositionsView = z.infer<typeof CyclePositionsView>;

export const ReductionRecordsView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      operator: z.string(),
      behaviour: z.string(),
      district: z.string().describe('GB/T 2260 code, or none'),
      startedAt: z.string(),
      reductionMg: IntegerString,
      points: IntegerString,
    }),
  ),
  next: z.string().nullable().describe('Pass as before for the next page; null on the last'),
});
export type ReductionRecordsView = z.infer<typeof ReductionRecordsView>;
