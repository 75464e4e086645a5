import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
} from '../http/domain-error';

// Every failure of this module, in one place, with its stable code. Other modules name a missing
// program or participant, or a participant that is no operator, with these too.

export const programNotFound = (code: string) =>
  new NotFoundError('program_not_found', `Program ${code} not found`);

export const programCodeTaken = (code: string) =>
  new ConflictError('program_code_taken', `Program code ${code} is taken`);

export const participantNotFound = (code: string, program: string) =>
  new NotFoundError('participant_not_found', `Participant ${code} not found in program ${program}`);

export const participantCodeTaken = (code: string) =>
  new ConflictError('participant_code_taken', `Participant code ${code} is taken in this program`);

/** One answer for "no such program" and "no such operator": the path reveals nothing more. */
export const operatorNotFound = (code: string, program: string) =>
  new NotFoundError('operator_not_found', `Operator ${code} not found in program ${program}`);

/** `onlyOperators` says what only operators do, e.g. "only operators sign webhooks". */
export const notAnOperator = (code: string, onlyOperators: string) =>
  new ConflictError('not_an_operator', `Participant ${code} is not an operator; ${onlyOperators}`);

export const webhookSecretNotFound = (id: string) =>
  new NotFoundError('webhook_secret_not_found', `Webhook secret ${id} not found`);

export const apiKeyNotFound = (keyId: string) =>
  new NotFoundError('api_key_not_found', `API key ${keyId} not found`);

export const missingCredentials = () =>
  new UnauthorizedError('missing_credentials', 'Send Authorization: Bearer <API key>');

export const malformedCredentials = () =>
  new UnauthorizedError('malformed_credentials', 'Authorization must be "Bearer <API key>"');

export const invalidCredentials = () =>
  new UnauthorizedError('invalid_credentials', 'Unknown or revoked API key, or an expired session');

/** A route no policy opens is closed to everyone: a missing decorator fails safe. */
export const noAccessPolicy = () =>
  new ForbiddenError('forbidden', 'This route has no access policy');

/** `roles`: who may call the route, e.g. "admin, bureau". */
export const forbiddenRole = (roles: string) =>
  new ForbiddenError('forbidden', `Only for: ${roles}`);
