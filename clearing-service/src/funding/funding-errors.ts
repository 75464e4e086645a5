import { ConflictError } from '../http/domain-error';

// Every failure of this module, in one place, with its stable code. A participant that is no
// operator is tenancy's notAnOperator; an unbalanced transaction is a bug (assertBalanced), not a
// domain error.

export const notPrepaid = (operator: string) =>
  new ConflictError(
    'not_prepaid',
    `Operator ${operator} is not prepaid; its issuance is billed per cycle`,
  );

/** Top-ups are idempotent by reference: the same reference with another amount is a mistake. */
export const topUpReferenceReused = (reference: string, appliedPoints: string) =>
  new ConflictError(
    'top_up_reference_reused',
    `Top-up ${reference} was already applied with ${appliedPoints} points`,
  );

export const notPostpaid = (operator: string) =>
  new ConflictError(
    'not_postpaid',
    `Operator ${operator} is prepaid; its issuance is limited by its block, not a credit limit`,
  );
