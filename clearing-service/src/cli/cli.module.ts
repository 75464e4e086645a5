import { DynamicModule, Module } from '@nestjs/common';
import { AuditReadingModule } from '../audit/audit.module';
import { CallbackSecretsModule } from '../callbacks/callbacks.module';
import { AppConfig } from '../config/app-config';
import { SecretsModule } from '../secrets/secrets.module';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { InvariantsModule } from '../invariants/invariants.module';
import { MethodologyModule } from '../methodology/methodology.module';
import { ResidentsModule } from '../residents/residents.module';
import { TenancyModule } from '../tenancy/tenancy.module';
import { PointsExpiryModule } from '../ledger/ledger.module';
import { ClearingCheckModule } from '../clearing/clearing.module';

/** What the admin CLI needs: the domain services, no HTTP and no queues. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        SecretsModule,
        DatabaseModule.forRoot(),
        TenancyModule,
        InvariantsModule,
        MethodologyModule,
        ResidentsModule,
        AuditReadingModule,
        CallbackSecretsModule,
        PointsExpiryModule,
        ClearingCheckModule,
      ],
    };
  }
}
