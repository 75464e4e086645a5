import { ConflictError, NotFoundError } from '../http/domain-error';

// Every failure of this module, in one place, with its stable code.

export const callbackNotConfigured = (participant: string) =>
  new NotFoundError(
    'callback_not_configured',
    `Participant ${participant} has no callback; set one with PUT`,
  );

export const callbackStopped = (operator: string) =>
  new ConflictError(
    'callback_stopped',
    `Operator ${operator}'s callbacks are stopped; PUT the URL again before redelivering`,
  );

export const deliveryNotFound = (delivery: string) =>
  new NotFoundError('delivery_not_found', `No callback delivery ${delivery} of this operator`);

export const deliveryPending = (delivery: string) =>
  new ConflictError(
    'delivery_pending',
    `Delivery ${delivery} is still pending: it is sent (or retried) on its own`,
  );
