/**
 * The signature versions this sdk produces and checks (Standard Webhooks "signature
 * identifiers"): v1 is HMAC-SHA256 with a shared `whsec_` secret; v1a is Ed25519, signed with
 * the operator's `whsk_` secret key and verified with its `whpk_` public key. Entries of any
 * other version are ignored, as the spec requires.
 */
export type SignatureVersion = 'v1' | 'v1a';
