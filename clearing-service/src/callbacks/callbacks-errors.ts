import { NotFoundError } from '../http/domain-error';

// Every failure of this module, in one place, with its stable code.

export const callbackNotConfigured = (participant: string) =>
  new NotFoundError(
    'callback_not_configured',
    `Participant ${participant} has no callback; set one with PUT`,
  );
