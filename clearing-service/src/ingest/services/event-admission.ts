import { BehaviourEvent } from '@tanlian/sdk';
import type { FieldProblem } from '../../http/validation-error';
import { pickInForce, type PublishedMethodology } from '../../methodology/calculation';

// A little clock skew is tolerated for events "in the future"; more is refused.
export const FUTURE_SKEW_MS = 5 * 60_000;

export type Admission =
  { ok: true; event: BehaviourEvent } | { ok: false; problems: FieldProblem[] };

/**
 * Checks one raw event against the contract and the program's rules, without touching storage:
 * its shape, the acceptance window, and that a published methodology covers its behaviour.
 */
export function admitEvent(
  raw: unknown,
  prefix: string,
  rules: { acceptanceWindowHours: number; published: PublishedMethodology[]; now: Date },
): Admission {
  const parsed = BehaviourEvent.safeParse(raw);
  const field = (path: PropertyKey[]) =>
    [prefix, ...path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
      .filter(Boolean)
      .join('.')
      .replace(/\.\[/g, '[');
  if (!parsed.success) {
    const root = prefix || 'body';
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({
        field: i.path.length ? field(i.path) : root,
        reason: i.message,
      })),
    };
  }
  const event = parsed.data;
  const problems: FieldProblem[] = [];
  const started = Date.parse(event.startedAt);
  const ended = Date.parse(event.endedAt);
  const oldest = rules.now.getTime() - rules.acceptanceWindowHours * 3600_000;
  if (started < oldest) {
    problems.push({
      field: field(['startedAt']),
      reason: `is older than the program's acceptance window of ${rules.acceptanceWindowHours} hours`,
    });
  }
  if (ended > rules.now.getTime() + FUTURE_SKEW_MS) {
    problems.push({ field: field(['endedAt']), reason: 'is in the future' });
  }
  if (!pickInForce(rules.published, event.behaviour, new Date(started))) {
    problems.push({
      field: field(['behaviour']),
      reason: `no published methodology of this program covers "${event.behaviour}" at ${event.startedAt}`,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, event };
}
