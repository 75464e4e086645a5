import { ApiOkResponse, ApiParam, ApiQuery } from '@nestjs/swagger';
import { CyclesPage } from '@tanlian/sdk';
import { openApiOutputSchema } from '../../http/openapi-schema';
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

/** A cycles list's paging (`?before=&limit=`) and its answer, newest first. */
export const CyclesPageRoute = () =>
  applyDecorators(
    ApiQuery({ name: 'before', required: false, description: 'the `next` of the previous page' }),
    ApiQuery({ name: 'limit', required: false, description: 'default 20' }),
    ApiOkResponse({ schema: openApiOutputSchema(CyclesPage) }),
  );

/** The cycle number a page starts below, from the checked query. */
export const beforeOf = (query: { before?: string }) =>
  query.before === undefined ? null : Number(query.before);
