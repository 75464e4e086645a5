import { z } from 'zod';

// Methodologies (方法学): how the environment bureau turns a resident's green behaviour into a
// reduction. Every amount is a whole number of milligrams CO2e and every factor is a ratio of two
// integers (factorMg per factorPer base units), so no calculation anywhere meets a float.

/** 1,000 t in milligrams: far above any real factor or cap, far below 2^53, so products stay exact. */
const MAX_MG = 1_000_000_000_000;

function wholeNumber(what: string, min: number, max: number) {
  return z
    .number({ error: `must be a whole number (${what})` })
    .int(`must be a whole number (${what})`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);
}

const milligrams = (what: string) => wholeNumber(`milligrams CO2e ${what}`, 1, MAX_MG);

export const MethodologyCode = z
  .string({ error: 'is required (e.g. SZ-METRO)' })
  .regex(
    /^[A-Z][A-Z0-9-]{1,31}$/,
    'must be 2-32 characters: capital letters, digits and -, starting with a letter (e.g. SZ-METRO)',
  );
export type MethodologyCode = z.infer<typeof MethodologyCode>;

export const Behaviour = z
  .string({ error: 'is required (e.g. metro)' })
  .regex(
    /^[a-z][a-z0-9_]{1,31}$/,
    'must be 2-32 characters: lowercase letters, digits and _, starting with a letter (e.g. metro, bus_ride)',
  );
export type Behaviour = z.infer<typeof Behaviour>;

export const CalculationModel = z.enum(['per_distance', 'per_unit', 'per_event', 'baseline_diff']);
export type CalculationModel = z.infer<typeof CalculationModel>;

export const MethodologyStatus = z.enum(['draft', 'published', 'retired']);
export type MethodologyStatus = z.infer<typeof MethodologyStatus>;

const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const LATEST = Date.parse('3000-01-01T00:00:00Z');

/** An instant with its offset, kept exactly as written (it is part of the hashed definition). */
const EffectiveInstant = z.iso
  .datetime({
    offset: true,
    error: 'must be an ISO 8601 time with an offset, e.g. 2020-01-01T00:00:00+08:00',
  })
  .refine((s) => !/\.\d{4,}/.test(s), 'must not be more precise than milliseconds')
  .refine(
    (s) => Date.parse(s) >= EARLIEST && Date.parse(s) < LATEST,
    'must lie between the years 2000 and 2999',
  );

/** Optional caps. perEventMg is applied in the calculation; the others by the crediting worker. */
export const MethodologyCaps = z.strictObject({
  perEventMg: milligrams('per event').optional(),
  perDayMg: milligrams('per resident per day').optional(),
  perMonthMg: milligrams('per resident per month').optional(),
  perDayEvents: wholeNumber('events per resident per day', 1, 1_000_000).optional(),
  perMonthEvents: wholeNumber('events per resident per month', 1, 1_000_000).optional(),
});
export type MethodologyCaps = z.infer<typeof MethodologyCaps>;

/** Optional plausibility limits; an event outside them earns nothing. */
export const MethodologyLimits = z.strictObject({
  maxSpeedKmh: wholeNumber('km/h', 1, 1_000)
    .optional()
    .describe('per_distance only: distance ÷ duration above this is implausible'),
  maxDistanceM: wholeNumber('metres', 1, 100_000_000).optional().describe('per_distance only'),
  maxUnits: wholeNumber('units', 1, MAX_MG).optional().describe('per_unit and baseline_diff only'),
  minDurationS: wholeNumber('seconds', 1, 31_536_000).optional(),
  maxDurationS: wholeNumber('seconds', 1, 31_536_000).optional(),
});
export type MethodologyLimits = z.infer<typeof MethodologyLimits>;

const common = {
  title: z
    .string({ error: 'is required' })
    .trim()
    .min(1, 'must not be empty')
    .max(128, 'must be at most 128 characters'),
  behaviour: Behaviour,
  source: z
    .string({ error: 'is required: where the factors come from' })
    .trim()
    .min(1, 'must name where the factors come from')
    .max(512, 'must be at most 512 characters')
    .describe('Where the factors come from: publication, issuer, year'),
  effectiveFrom: EffectiveInstant.describe('Start of the effective window (inclusive)'),
  effectiveTo: EffectiveInstant.nullable()
    .default(null)
    .describe('End of the effective window (exclusive); null = no end'),
  caps: MethodologyCaps.optional(),
  limits: MethodologyLimits.optional(),
};

const factorPer = (unit: string) =>
  wholeNumber(unit, 1, 1_000_000_000).describe(`Base quantity (${unit}) the factor is given for`);

export const PerDistanceDefinition = z.strictObject({
  ...common,
  model: z.literal('per_distance'),
  factorMg: milligrams('per factorPer metres'),
  factorPer: factorPer('metres'),
});

export const PerUnitDefinition = z.strictObject({
  ...common,
  model: z.literal('per_unit'),
  unit: z
    .string({ error: 'is required (e.g. steps, Wh, g)' })
    .regex(/^[A-Za-z]{1,16}$/, 'must be 1-16 letters (e.g. steps, Wh, g)'),
  factorMg: milligrams('per factorPer units'),
  factorPer: factorPer('units'),
});

export const PerEventDefinition = z.strictObject({
  ...common,
  model: z.literal('per_event'),
  eventMg: milligrams('per event'),
});

export const BaselineDiffDefinition = z.strictObject({
  ...common,
  model: z.literal('baseline_diff'),
  factorMg: milligrams('per factorPer Wh'),
  factorPer: factorPer('Wh'),
  cityBaselineWh: wholeNumber('Wh per resident per day', 1, 1_000_000_000).describe(
    "The city's per-capita daily use; the baseline is the lower of this and the resident's trailing 7-day average",
  ),
});

const MODELS = CalculationModel.options.join(', ');

/**
 * Everything that governs a calculation. Its RFC 8785 canonical JSON is what the content hash
 * covers, so once published nothing here ever changes.
 */
export const MethodologyDefinition = z
  .discriminatedUnion(
    'model',
    [PerDistanceDefinition, PerUnitDefinition, PerEventDefinition, BaselineDiffDefinition],
    { error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${MODELS}` : undefined) },
  )
  .superRefine((d, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (d.effectiveTo !== null && Date.parse(d.effectiveTo) <= Date.parse(d.effectiveFrom)) {
      problem(['effectiveTo'], 'must be after effectiveFrom');
    }
    const limits = d.limits ?? {};
    if (d.model !== 'per_distance') {
      if (limits.maxSpeedKmh !== undefined)
        problem(['limits', 'maxSpeedKmh'], 'applies to the per_distance model only');
      if (limits.maxDistanceM !== undefined)
        problem(['limits', 'maxDistanceM'], 'applies to the per_distance model only');
    }
    if (d.model !== 'per_unit' && d.model !== 'baseline_diff' && limits.maxUnits !== undefined) {
      problem(['limits', 'maxUnits'], 'applies to the per_unit and baseline_diff models only');
    }
    if (
      limits.minDurationS !== undefined &&
      limits.maxDurationS !== undefined &&
      limits.minDurationS > limits.maxDurationS
    ) {
      problem(['limits', 'maxDurationS'], 'must not be below minDurationS');
    }
    const caps = d.caps ?? {};
    if (
      caps.perDayMg !== undefined &&
      caps.perMonthMg !== undefined &&
      caps.perDayMg > caps.perMonthMg
    )
      problem(['caps', 'perMonthMg'], 'must not be below perDayMg');
    if (
      caps.perDayEvents !== undefined &&
      caps.perMonthEvents !== undefined &&
      caps.perDayEvents > caps.perMonthEvents
    )
      problem(['caps', 'perMonthEvents'], 'must not be below perDayEvents');
  });
export type MethodologyDefinition = z.infer<typeof MethodologyDefinition>;
export type MethodologyDefinitionInput = z.input<typeof MethodologyDefinition>;

export const MethodologyDraftCreate = z.strictObject({
  code: MethodologyCode.describe(
    'The methodology this is a version of; the version number is the next one for this code',
  ),
  definition: MethodologyDefinition,
});
export type MethodologyDraftCreate = z.infer<typeof MethodologyDraftCreate>;

export const MethodologyDraftUpdate = z.strictObject({
  definition: MethodologyDefinition.describe('Replaces the whole definition of the draft'),
});
export type MethodologyDraftUpdate = z.infer<typeof MethodologyDraftUpdate>;

export const MethodologyListQuery = z.strictObject({
  behaviour: Behaviour.optional().describe('Only methodologies for this behaviour'),
});
export type MethodologyListQuery = z.infer<typeof MethodologyListQuery>;

const Timestamp = z.string().describe('ISO 8601 time');

export const MethodologyView = z.object({
  code: z.string(),
  version: z.number().int(),
  status: MethodologyStatus,
  definition: MethodologyDefinition,
  formula: z
    .string()
    .describe('The calculation in words with the factors filled in; derived, not hashed'),
  contentHash: z
    .string()
    .nullable()
    .describe(
      'SHA-256 (hex) of the RFC 8785 canonical JSON of `definition`; set when published, null for a draft',
    ),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  publishedAt: Timestamp.nullable(),
  retiredAt: Timestamp.nullable(),
});
export type MethodologyView = z.infer<typeof MethodologyView>;

// ---- The live calculator: a definition (saved or not) applied to one activity ----

const Count = (max: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(max, `must be at most ${max}`);

export const MethodologyPreviewRequest = z.strictObject({
  definition: MethodologyDefinition,
  activity: z
    .strictObject({
      distanceM: Count(1_000_000).optional().describe('metres (per_distance)'),
      units: Count(1_000_000_000).optional().describe('counted units (per_unit, baseline_diff)'),
      durationS: Count(31 * 86_400)
        .optional()
        .describe('seconds from start to end (the duration and speed limits)'),
    })
    .default({}),
  trailing7DayAvgWh: Count(1_000_000_000)
    .nullable()
    .default(null)
    .describe("baseline_diff: the resident's 7-day average use; null when unknown"),
  carriedMg: Count(1_000_000_000)
    .default(0)
    .describe('milligrams the resident carries from earlier events (not yet a whole point)'),
});
export type MethodologyPreviewRequest = z.infer<typeof MethodologyPreviewRequest>;

export const MethodologyPreview = z.object({
  plausible: z.boolean().describe('false: crediting would reject the event (see reason)'),
  reason: z.string().nullable().describe('why it is implausible, e.g. implausible_speed'),
  message: z.string().nullable(),
  reductionMg: z
    .number()
    .int()
    .describe('the reduction one such event earns, held to the per-event cap (0 if implausible)'),
  formula: z.string().nullable().describe('the calculation with its numbers'),
  cappedByPerEvent: z.boolean(),
  mgPerPoint: z.number().int().describe("the program's rule: milligrams CO2e per point"),
  points: z.number().int().describe('whole points the reduction and the carried milligrams make'),
  remainderMg: z.number().int().describe('milligrams carried on to the next event'),
  contentHash: z
    .string()
    .describe('the content hash the definition gets when published as it stands'),
});
export type MethodologyPreview = z.infer<typeof MethodologyPreview>;
