import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CliModule } from '../cli/cli.module';
import { AppConfig } from '../config/app-config';
import { QueueModule } from '../queue/queue.module';
import { residentsEntities } from '../residents/residents.schema';
import { BindingsService } from '../residents/services/bindings.service';
import { ResidentSessionsService } from '../residents/services/resident-sessions.service';

/**
 * What seeding the demo needs: the CLI's domain services, plus binding residents to operator
 * accounts the way operators and residents do (a binding announces itself on the queue, so
 * events that waited for it get credited), and signing in the residents who shop in the demo.
 */
@Module({})
export class DemoSeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DemoSeedModule,
      imports: [
        CliModule.forRoot(config),
        QueueModule.forProducer(),
        TypeOrmModule.forFeature(residentsEntities),
      ],
      providers: [BindingsService, ResidentSessionsService],
    };
  }
}
