import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { dataSourceOptions } from './data-source-options';

@Module({})
export class DatabaseModule {
  /**
   * `servesRequests`: the api's connection, on which every wait is bounded by STORAGE_TIMEOUT_MS
   * so that a request meeting a MySQL outage answers 503 in time instead of hanging.
   */
  static forRoot(options: { servesRequests?: boolean } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            ...dataSourceOptions(
              config,
              options.servesRequests ? config.storage.timeoutMs : undefined,
            ),
            // Fail start-up fast and clearly instead of retrying for minutes.
            retryAttempts: 2,
            retryDelay: 500,
          }),
        }),
      ],
    };
  }
}
