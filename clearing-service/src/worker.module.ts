import { NotificationsWorkerModule } from './notifications/notifications.module';
import { RedemptionWorkerModule } from './redemption/redemption.module';
import { ClearingWorkerModule } from './clearing/clearing.module';
import { FundingWorkerModule } from './funding/funding.module';
import { LedgerWorkerModule } from './ledger/ledger.module';
import { ReportingWorkerModule } from './reporting/reporting.module';
import { IdempotencyWorkerModule } from './idempotency/idempotency.module';
import { DynamicModule, Module } from '@nestjs/common';
import { AuditWorkerModule } from './audit/audit.module';
import { CallbacksWorkerModule } from './callbacks/callbacks.module';
import { CallbacksProcessor } from './callbacks/services/callbacks.processor';
import { AppConfig } from './config/app-config';
import { SecretsModule } from './secrets/secrets.module';
import { ConfigModule } from './config/config.module';
import { CreditingWorkerModule } from './crediting/crediting.module';
import { BindingsProcessor } from './crediting/services/bindings.processor';
import { CreditingProcessor } from './crediting/services/crediting.processor';
import { DatabaseModule } from './database/database.module';
import { LoggingModule } from './logging/logging.module';
import { QueueModule } from './queue/queue.module';
import { KeyUsageProcessor } from './tenancy/services/key-usage.processor';
import { TenancyWorkerModule } from './tenancy/tenancy.module';

/** The `worker` process: queue consumers and schedulers, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        SecretsModule,
        LoggingModule,
        DatabaseModule.forRoot(),
        AuditWorkerModule,
        IdempotencyWorkerModule,
        LedgerWorkerModule,
        RedemptionWorkerModule,
        NotificationsWorkerModule,
        ClearingWorkerModule,
        FundingWorkerModule,
        ReportingWorkerModule,
        QueueModule.forWorker(
          [TenancyWorkerModule, CreditingWorkerModule, CallbacksWorkerModule],
          [KeyUsageProcessor, CreditingProcessor, BindingsProcessor, CallbacksProcessor],
        ),
      ],
    };
  }
}
