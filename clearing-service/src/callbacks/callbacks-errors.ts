import { NotFoundError } from '../http/domain-error';

// Every failure of this module, in one place, with its stable code. A participant that is no
// operator is tenancy's notAnOperator.

export const callbackNotConfigured = (operator: string) =>
  new NotFoundError(
    'callback_not_configured',
    `Operator ${operator} has no callback; set one with PUT`,
  );
