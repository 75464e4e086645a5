import { DynamicModule, Module, ModuleMetadata, Provider, Type } from '@nestjs/common';
import { JOB_PROCESSORS, JobProcessor } from './job-processor';
import { QueueProducer } from './queue-producer';
import { QueueWorkers } from './queue-workers';

@Module({})
export class QueueModule {
  /** For the api: add jobs only. */
  static forProducer(): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      providers: [QueueProducer],
      exports: [QueueProducer],
    };
  }

  /**
   * For the worker: add jobs and consume queues. Each domain module provides and exports its own
   * processors; this module only collects and runs them.
   */
  static forWorker(
    domainModules: ModuleMetadata['imports'],
    processors: Type<JobProcessor>[],
  ): DynamicModule {
    const collect: Provider = {
      provide: JOB_PROCESSORS,
      inject: processors,
      useFactory: (...instances: JobProcessor[]) => instances,
    };
    return {
      module: QueueModule,
      global: true,
      imports: domainModules,
      providers: [QueueProducer, QueueWorkers, collect],
      exports: [QueueProducer],
    };
  }
}
