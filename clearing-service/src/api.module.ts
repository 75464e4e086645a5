import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
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
        LoggingModule,
        DatabaseModule,
        QueueModule.forProducer(),
        MetricsModule,
        HealthModule,
        // Every kind of bearer credential the access guard accepts.
        BearerAuthenticatorsModule.forRoot([TenancyModule], [ApiKeysService]),
        TenancyApiModule,
      ],
    };
  }
}
