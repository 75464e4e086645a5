import { ConflictError, NotFoundError } from '../http/domain-error';

// Every failure of this module, in one place, with its stable code. A value out of range for the
// log (a size above the latest checkpoint, a signature that does not verify) is a FieldError
// (422 validation_failed) naming the field, thrown where it is checked.

export const checkpointNotFound = (message: string) =>
  new NotFoundError('checkpoint_not_found', message);

export const leafNotFound = (kind: string, refId: string | number) =>
  new NotFoundError('leaf_not_found', `No audit leaf for ${kind} ${refId}`);

/** Written but not yet covered by a signed checkpoint: the worker seals within seconds. */
export const leafNotSealed = (index: number) =>
  new ConflictError(
    'leaf_not_sealed',
    `Leaf ${index} is not in a signed checkpoint yet; retry in a few seconds`,
  );

export const witnessExists = (name: string) =>
  new ConflictError('witness_exists', `A witness named ${name} is already registered`);

export const witnessKeyExists = () =>
  new ConflictError(
    'witness_key_exists',
    'This witness name or public key is already registered (one key serves one witness name)',
  );

export const witnessNotFound = (name: string) =>
  new NotFoundError('witness_not_found', `No witness named ${name}`);

export const witnessWentBack = (name: string, cosignedSize: string) =>
  new ConflictError(
    'witness_went_back',
    `${name} already cosigned the checkpoint of size ${cosignedSize}; a witness never cosigns a smaller tree`,
  );

export const signingKeyExists = (message: string) =>
  new ConflictError('signing_key_exists', message);

export const logHasSigningKeys = () =>
  new ConflictError(
    'log_has_signing_keys',
    'The log has signing keys already: register the new key and activate it instead',
  );

export const signingKeyRetired = (name: string) =>
  new ConflictError('signing_key_retired', `${name} is retired; a retired key stays retired`);

export const noOtherSigningKey = (message: string) =>
  new ConflictError('no_other_signing_key', message);

export const signingKeyNotFound = (name: string) =>
  new NotFoundError('signing_key_not_found', `The log has no signing key ${name}`);

/** A tile or entry bundle the latest signed checkpoint does not cover (yet). */
export const tileBeyondCheckpoint = (path: string, signedSize: number) =>
  new NotFoundError(
    'tile_beyond_checkpoint',
    `${path} is not covered by the latest signed checkpoint (size ${signedSize})`,
  );

/** The bureau's listing needs the program's viewing key, issued from the CLI. */
export const noViewingKey = () =>
  new NotFoundError(
    'viewing_key_not_issued',
    'The program has no viewing key yet: an administrator issues one with `tanlian audit:viewing-key --program <code>`',
  );
