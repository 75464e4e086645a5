import { Global, Module } from '@nestjs/common';
import { SealedSecretStores } from './sealed-secret-stores';
import { SecretsKeyring } from './secrets-keyring';
import { SecretsReseal } from './secrets-reseal';
import { UnreadableSecrets } from './unreadable-secrets';

const services = [SecretsKeyring, SealedSecretStores, SecretsReseal, UnreadableSecrets];

/**
 * Secrets at rest: the keyring that seals them, the stores of each kind (kept by their owners),
 * re-sealing and the count of unreadable ones. Global, like the configuration it reads, so the
 * owners of sealed columns need no import.
 */
@Global()
@Module({ providers: services, exports: services })
export class SecretsModule {}
