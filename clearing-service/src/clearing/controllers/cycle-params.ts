import { ApiParam } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { cycleNotFound } from '../clearing-errors';

/** The `:cycle` path parameter: a cycle's sequence number in its program. */
export const CycleParam = () =>
  applyDecorators(ApiParam({ name: 'cycle', description: 'Cycle sequence number, e.g. 12' }));

/** The path's cycle number; anything else is a cycle that does not exist. */
export function cycleSeq(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw cycleNotFound(value);
  return Number(value);
}
