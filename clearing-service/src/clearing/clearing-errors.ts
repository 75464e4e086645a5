import { ConflictError, FieldError, NotFoundError } from '../http/domain-error';

// Every failure of this module, in one place, with its stable code.

export const cycleNotFound = (seq: string) =>
  new NotFoundError('cycle_not_found', `No clearing cycle ${seq} in this program`);

/** Another participant's file answers exactly like a missing one. */
export const cycleFileNotFound = () =>
  new NotFoundError('cycle_file_not_found', 'No such file of this cycle');

export const cycleNotIssued = (state: string) =>
  new ConflictError(
    'cycle_not_issued',
    `The cycle is ${state}: payments are confirmed once its instructions are issued`,
  );

export const nothingToSettle = () =>
  new ConflictError(
    'nothing_to_settle',
    'This participant has nothing to pay or receive in the cycle',
  );

export const settlementAlreadyConfirmed = (bankReference: string) =>
  new ConflictError(
    'settlement_already_confirmed',
    `This participant's settlement of the cycle is already confirmed (bank reference ${bankReference})`,
  );

export const settlementAmountMismatch = (expected: bigint) =>
  new FieldError('amountFen', `must be the instruction's amount, ${expected} fen`);

export const unknownTimeZone = (zone: string) =>
  new FieldError('timeZone', `${zone} is not an IANA time zone (e.g. Asia/Shanghai)`);
