import { DynamicModule, Module } from '@nestjs/common';
import { AuditApiModule } from './audit/audit.module';
import { CallbacksApiModule } from './callbacks/callbacks.module';
import { ClearingApiModule } from './clearing/clearing.module';
import { ReportingApiModule } from './reporting/reporting.module';
import { AppConfig } from './config/app-config';
import { SecretsApiModule, SecretsModule } from './secrets/secrets.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { CreditingApiModule } from './crediting/crediting-api.module';
import { HealthModule } from './health/health.module';
import { FundingApiModule } from './funding/funding.module';
import { IngestApiModule } from './ingest/ingest.module';
import { LoggingModule } from './logging/logging.module';
import { MerchantsApiModule } from './merchants/merchants.module';
import { MethodologyApiModule } from './methodology/methodology.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { NotificationsApiModule } from './notifications/notifications.module';
import { RedemptionApiModule } from './redemption/redemption.module';
import { ResidentsApiModule, ResidentsModule } from './residents/residents.module';
import { ResidentSessionsService } from './residents/services/resident-sessions.service';
import { BearerAuthenticatorsModule } from './tenancy/access/bearer-authenticator';
import { ApiKeysService } from './tenancy/services/api-keys.service';
import { TenancyApiModule, TenancyModule } from './tenancy/tenancy.module';

/** The `api` process: HTTP only. Domain modules add their api-side module here. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        SecretsModule,
        LoggingModule,
        DatabaseModule.forRoot({ servesRequests: true }),
        QueueModule.forProducer(),
        MetricsModule,
        HealthModule,
        // Every kind of bearer credential the access guard accepts.
        BearerAuthenticatorsModule.forRoot(
          [TenancyModule, ResidentsModule],
          [ApiKeysService, ResidentSessionsService],
        ),
        TenancyApiModule,
        ResidentsApiModule,
        MethodologyApiModule,
        IngestApiModule,
        CreditingApiModule,
        FundingApiModule,
        RedemptionApiModule,
        NotificationsApiModule,
        ClearingApiModule,
        ReportingApiModule,
        CallbacksApiModule,
        MerchantsApiModule,
        AuditApiModule,
        SecretsApiModule,
      ],
    };
  }
}
