import type { WebhookRejectionReason } from '../webhooks/verification-result';

/**
 * Every `code` the service answers in an error body (ApiErrorBody), so the mini-program and the
 * console can switch on them. The service's catalogs (`<module>-errors.ts`) are checked against this
 * list by a test, so a new code cannot ship without being named here.
 */
export const API_ERROR_CODES = [
  // Any route: the request itself, the caller's credentials, or the service's stores.
  'bad_request',
  'malformed_json',
  'body_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'not_found',
  'validation_failed',
  'unauthorized',
  'missing_credentials',
  'malformed_credentials',
  'invalid_credentials',
  'forbidden',
  'storage_unavailable',
  'storage_busy',
  'cors_origin_not_allowed',
  // Tenancy: programs, participants, keys.
  'program_not_found',
  'program_code_taken',
  'participant_not_found',
  'participant_code_taken',
  'operator_not_found',
  'not_an_operator',
  'webhook_secret_not_found',
  'api_key_not_found',
  // Methodology.
  'methodology_not_found',
  'methodology_immutable',
  'methodology_retired',
  'methodology_not_published',
  'methodology_behaviour_mismatch',
  'methodology_window_overlap',
  // Residents and WeChat sign-in.
  'resident_not_found',
  'binding_token_invalid',
  'user_already_bound',
  'wechat_code_invalid',
  'wechat_login_blocked',
  'wechat_rate_limited',
  'wechat_busy',
  'wechat_unavailable',
  // Ingest: signed pushes of behaviour events (signature_<reason>: see WebhookRejectionReason).
  'signature_no_keys',
  'signature_invalid_key',
  'signature_invalid_options',
  'signature_missing_header',
  'signature_ambiguous_header',
  'signature_malformed_id',
  'signature_malformed_timestamp',
  'signature_timestamp_too_old',
  'signature_timestamp_in_future',
  'signature_malformed_signature',
  'signature_no_matching_signature',
  'signing_secret_unreadable',
  'event_id_conflict',
  'event_not_found',
  'retry_later',
  // Ledger: funding.
  'not_prepaid',
  'not_postpaid',
  'top_up_reference_reused',
  // Redemption: residents' redemption codes.
  'redemption_code_not_found',
  'redemption_code_used',
  'resident_token_invalid',
  // Audit log.
  'checkpoint_not_found',
  'leaf_not_found',
  'leaf_not_sealed',
  'witness_exists',
  'witness_key_exists',
  'witness_not_found',
  'witness_went_back',
  'signing_key_exists',
  'log_has_signing_keys',
  'signing_key_retired',
  'no_other_signing_key',
  'signing_key_not_found',
  'tile_beyond_checkpoint',
  'viewing_key_not_issued',
  // Redemption: holds.
  'insufficient_points',
  'hold_not_found',
  'hold_expired',
  'hold_already_captured',
  'hold_already_voided',
  'exceeds_hold_amount',
  'hold_not_captured',
  'refund_exceeds_captured',
  'refund_id_reused',
  // Redemption: buying an offer in the shop.
  'offer_out_of_stock',
  'offer_limit_reached',
  'issuer_not_accepted',
  // Idempotency keys.
  'idempotency_key_reused',
  'idempotency_key_in_use',
  // Callbacks.
  'callback_not_configured',
  'callback_stopped',
  'delivery_not_found',
  'delivery_pending',
  // Merchants: stores, offers and the catalog.
  'merchant_not_found',
  'store_not_found',
  'store_code_taken',
  'offer_not_found',
  'offer_code_taken',
  // Clearing cycles.
  'cycle_not_found',
  'cycle_file_not_found',
  'cycle_not_issued',
  'nothing_to_settle',
  'settlement_already_confirmed',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const known = new Set<string>(API_ERROR_CODES);

/** Whether a body's `code` is one this sdk names (an older sdk may meet a newer service's code). */
export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'string' && known.has(code);
}

// Compile-time: every reason the webhook verifier can give has its signature_ code above.
const _everySignatureReason: `signature_${WebhookRejectionReason}` extends ApiErrorCode
  ? true
  : never = true;
