import { Global, Module } from '@nestjs/common';
import { SealedSecretStores } from './sealed-secret-stores';
import { SecretsController } from './secrets.controller';
import { SecretsMetrics } from './secrets-metrics';
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

/** The api side: the admin's status of stored secrets, and the unreadable count on /metrics. */
@Module({ controllers: [SecretsController], providers: [SecretsMetrics] })
export class SecretsApiModule {}
