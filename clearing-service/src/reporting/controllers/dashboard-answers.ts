import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { ZodType } from 'zod';
import { openApiOutputSchema } from '../../http/openapi-schema';
import { toCsv } from '../csv';

/** A dashboard route's documentation: its query parameters and its JSON or CSV answer. */
export function DashboardAnswer(view: ZodType, query: Record<string, string>, csv = true) {
  return applyDecorators(
    ...Object.entries(query).map(([name, description]) =>
      ApiQuery({ name, required: !/optional|default/.test(description), description }),
    ),
    ...(csv ? [ApiProduces('application/json', 'text/csv')] : []),
    ApiOkResponse({ schema: openApiOutputSchema(view) }),
  );
}

export const RANGE = {
  from: 'First China day, YYYY-MM-DD',
  to: 'Last China day, YYYY-MM-DD (at most 400 days after from)',
  period: 'day, week or month (default day)',
  format: 'json or csv (default json)',
};

export const FILTERS = {
  behaviour: 'optional: e.g. metro',
  district: 'optional: GB/T 2260 code, or none',
};

/** The view as JSON, or its rows as CSV with `columns` when the query asked for csv. */
export function answer<V extends { rows: Record<string, unknown>[] }>(
  view: V,
  format: 'json' | 'csv',
  columns: string[],
  reply: FastifyReply,
  name: string,
): V | string {
  if (format === 'json') return view;
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}.csv"`);
  return toCsv(view.rows, columns);
}

export const POINT_COLUMNS = ['issuer', 'issued', 'redeemed', 'expired', 'cancelled'];
export const CYCLE_COLUMNS = [
  'cycle',
  'participant',
  'obligationPoints',
  'receivableFen',
  'payableFen',
  'feeFen',
  'netFen',
];
