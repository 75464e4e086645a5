import { ConflictError, NotFoundError } from '../http/domain-error';

// Every failure of this module, in one place, with its stable code. Bad input is validation_failed
// (a body's fields, and issuer codes that name no operator of the program).

/** Like `operator_not_found` for `:operator` routes: a participant that is no merchant has no shop. */
export const merchantNotFound = (code: string, program: string) =>
  new NotFoundError('merchant_not_found', `Merchant ${code} not found in program ${program}`);

export const storeNotFound = (code: string) =>
  new NotFoundError('store_not_found', `Store ${code} not found`);

export const storeCodeTaken = (code: string) =>
  new ConflictError('store_code_taken', `Store code ${code} is taken by another of your stores`);

export const offerNotFound = (code: string) =>
  new NotFoundError('offer_not_found', `Offer ${code} not found`);

export const offerCodeTaken = (code: string) =>
  new ConflictError('offer_code_taken', `Offer code ${code} is taken by another of your offers`);
