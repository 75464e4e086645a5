import type { paths } from '../../api/schema';

export type EventsQuery = NonNullable<
  paths['/v1/programs/{program}/operators/{operator}/events']['get']['parameters']['query']
>;

export interface EventFilterForm {
  status?: EventsQuery['status'];
  behaviour?: string;
  /** [from, to] as ISO times (dayjs values are turned into these by the form). */
  range?: [string | undefined, string | undefined];
}

/** The form's filters as the list endpoint's query: empty fields are left out. */
export function eventsQueryOf(
  form: EventFilterForm,
  after: string | null,
  limit = 50,
): EventsQuery {
  const query: EventsQuery = { limit };
  if (form.status) query.status = form.status;
  if (form.behaviour?.trim()) query.behaviour = form.behaviour.trim();
  const [from, to] = form.range ?? [];
  if (from) query.from = from;
  if (to) query.to = to;
  if (after) query.after = after;
  return query;
}
