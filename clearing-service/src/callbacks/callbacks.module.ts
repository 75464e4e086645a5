import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenancyModule } from '../tenancy/tenancy.module';
import { CALLBACK_POLICY, DEFAULT_CALLBACK_POLICY } from './callback-policy';
import { callbacksEntities } from './callbacks.schema';
import { CallbackDeliveriesController } from './controllers/callback-deliveries.controller';
import { CallbackController } from './controllers/callback.controller';
import { CallbackConfigService } from './services/callback-config.service';
import { CallbackDeliveriesReader } from './services/callback-deliveries.reader';
import { CallbackDispatcher } from './services/callback-dispatcher';
import { CallbackRedelivery } from './services/callback-redelivery';
import { CallbackOutbox } from './services/callback-outbox-writer';
import { ParticipantEvents } from './services/participant-events-writer';
import { CallbackSecretsStore } from './services/callback-secrets.store';
import { CallbackSweeper } from './services/callback-sweeper';
import { CallbacksProcessor } from './services/callbacks.processor';
import { CallbackWakeups } from './services/callback-wakeups';

const policy = { provide: CALLBACK_POLICY, useValue: DEFAULT_CALLBACK_POLICY };

/** The sealed callback secrets, for `secrets:reseal` and the secrets status in every process. */
@Module({ providers: [CallbackSecretsStore] })
export class CallbackSecretsModule {}

/** The api side: operators set their callback URL and see their deliveries. */
@Module({
  imports: [TypeOrmModule.forFeature(callbacksEntities), TenancyModule, CallbackSecretsModule],
  controllers: [CallbackController, CallbackDeliveriesController],
  providers: [
    CallbackConfigService,
    CallbackDeliveriesReader,
    CallbackRedelivery,
    CallbackWakeups,
    policy,
  ],
})
export class CallbacksApiModule {}

/**
 * The outboxes, for the modules that write them in their transactions: crediting's batches
 * (CallbackOutbox, events.decided), and any module's participant events (ParticipantEvents).
 */
@Module({
  providers: [CallbackOutbox, ParticipantEvents, CallbackWakeups],
  exports: [CallbackOutbox, ParticipantEvents],
})
export class CallbacksOutboxModule {}

/** The worker side: sends due deliveries (queue wake-ups, and a sweeper that needs no Redis). */
@Module({
  imports: [TenancyModule, CallbackSecretsModule],
  providers: [CallbackDispatcher, CallbackWakeups, CallbackSweeper, CallbacksProcessor, policy],
  exports: [CallbacksProcessor],
})
export class CallbacksWorkerModule {}
