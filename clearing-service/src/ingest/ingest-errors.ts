import type { WebhookRejectionReason } from '@tanlian/sdk';
import {
  ConflictError,
  NotFoundError,
  UnauthorizedError,
  UnavailableError,
} from '../http/domain-error';

// Every failure of this module, in one place, with its stable code. An unknown program or operator
// in a push's path is tenancy's operatorNotFound.

/** An unreadable secret waits for an admin to fix the keyring: minutes, not seconds. */
const SIGNING_SECRET_RETRY_AFTER_S = 60;

/** A lost race with a concurrent writer, not an outage: the next delivery gets the stored receipt. */
const CONFIRM_RETRY_AFTER_S = 1;

/** `signature_<reason>`: the verifier's closed set of reasons, so operators can switch on it. */
export const signatureRejected = (reason: WebhookRejectionReason, message: string) =>
  new UnauthorizedError(`signature_${reason}`, message);

/** The signature may well be right under the key the server cannot read: not the operator's fault. */
export const signingSecretUnreadable = (unreadable: number) =>
  new UnavailableError(
    'signing_secret_unreadable',
    `The server cannot read ${unreadable} of this operator's webhook signing secrets, so the signature could not be checked against every live key; retry later`,
    SIGNING_SECRET_RETRY_AFTER_S,
  );

export const eventIdConflict = (id: string | null) =>
  new ConflictError(
    'event_id_conflict',
    `Event id ${id} was already used for an event with a different body`,
  );

export const eventNotConfirmed = (id: string) =>
  new UnavailableError(
    'retry_later',
    `Event ${id} could not be confirmed; retry the delivery`,
    CONFIRM_RETRY_AFTER_S,
  );

export const eventNotFound = (id: string) =>
  new NotFoundError('event_not_found', `Event ${id} not found`);
