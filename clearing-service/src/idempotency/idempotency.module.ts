import { Module } from '@nestjs/common';
import { IdempotencySweeper } from './idempotency-sweeper';
import { IdempotentRequests } from './idempotent-requests';

/** Idempotency-Key handling for the api's writing routes (README). */
@Module({ providers: [IdempotentRequests], exports: [IdempotentRequests] })
export class IdempotencyModule {}

/** The worker's side: keys past retention are deleted. */
@Module({ providers: [IdempotencySweeper] })
export class IdempotencyWorkerModule {}
