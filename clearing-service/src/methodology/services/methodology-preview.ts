import type { MethodologyPreview, MethodologyPreviewRequest } from '@tanlian/sdk';
import type { Program } from '../../tenancy/entities/program.entity';
import {
  calculateReduction,
  checkPlausibility,
  type PublishedMethodology,
  wholePoints,
} from '../calculation';
import { contentHashOf } from '../content/content-hash';

/**
 * The bureau's live calculator: what crediting would make of one event under a definition that
 * may not be saved yet. The same pure calculation crediting runs (plausibility, the reduction and
 * its per-event cap, the program's whole-points rule), so the console shows no figure of its own.
 * Per-day and per-month caps need a resident's history and are not applied.
 */
export function previewMethodology(
  program: Program,
  request: MethodologyPreviewRequest,
): MethodologyPreview {
  const { definition } = request;
  const contentHash = contentHashOf(definition);
  const m: PublishedMethodology = {
    id: 0,
    programId: program.id,
    code: 'PREVIEW',
    version: 0,
    behaviour: definition.behaviour,
    model: definition.model,
    definition,
    contentHash,
    effectiveFrom: new Date(definition.effectiveFrom),
    effectiveTo: definition.effectiveTo ? new Date(definition.effectiveTo) : null,
  };
  const mgPerPoint = program.gramsPerPoint * 1000;
  const plausibility = checkPlausibility(m, request.activity);
  if (!plausibility.ok) {
    return {
      plausible: false,
      reason: plausibility.reason,
      message: plausibility.message,
      reductionMg: 0,
      formula: null,
      cappedByPerEvent: false,
      mgPerPoint,
      ...wholePoints(request.carriedMg, mgPerPoint),
      contentHash,
    };
  }
  const reduction = calculateReduction(m, request.activity, {
    trailing7DayAvgWh: request.trailing7DayAvgWh,
  });
  return {
    plausible: true,
    reason: null,
    message: null,
    reductionMg: reduction.reductionMg,
    formula: reduction.formula,
    cappedByPerEvent: reduction.cappedByPerEvent,
    mgPerPoint,
    ...wholePoints(request.carriedMg + reduction.reductionMg, mgPerPoint),
    contentHash,
  };
}
