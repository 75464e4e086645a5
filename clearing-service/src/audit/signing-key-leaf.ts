import {
  formatKeyId,
  formatVerifierKey,
  noteKeyId,
  SIGNING_KEY_LEAF_TYPES,
  type CanonicalValue,
  type NoteVerifierKey,
} from '@tanlian/sdk';

/** The leaf types that announce a log's checkpoint keys (the sdk's SigningKeyChain reads them). */
export type SigningKeyLeafType = (typeof SIGNING_KEY_LEAF_TYPES)[number];

/** A checkpoint key as the log and the registry name it. */
export interface AnnouncedKey {
  name: string;
  keyId: string;
  vkey: string;
}

export function announcedKey(key: NoteVerifierKey): AnnouncedKey {
  return {
    name: key.name,
    keyId: formatKeyId(noteKeyId(key.name, key.publicKey)),
    vkey: formatVerifierKey(key),
  };
}

/**
 * The fields of a key leaf besides type, program and time: the key, public parts only. `genesis`
 * marks the log's first key, which no earlier key announces.
 */
export function signingKeyLeafFields(
  key: AnnouncedKey,
  genesis: boolean,
): { [field: string]: CanonicalValue } {
  return {
    key: { name: key.name, keyId: key.keyId, vkey: key.vkey },
    ...(genesis ? { genesis: true } : {}),
  };
}
