import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { Repository } from 'typeorm';
import type { JobProcessor } from '../../queue/job-processor';
import { QueueName } from '../../queue/queue-name';
import { ApiKey } from '../entities/api-key.entity';
import type { KeyUsedJob } from './key-usage.recorder';

/** Moves api_keys.last_used_at forward; never backward, so late or repeated jobs are harmless. */
@Injectable()
export class KeyUsageProcessor implements JobProcessor<KeyUsedJob> {
  readonly queue = QueueName.KeyUsage;
  readonly concurrency = 4;

  constructor(@InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>) {}

  async process(job: Job<KeyUsedJob>): Promise<void> {
    const usedAt = new Date(job.data.usedAt);
    await this.keys.query(
      'UPDATE api_keys SET last_used_at = GREATEST(COALESCE(last_used_at, ?), ?) WHERE id = ?',
      [usedAt, usedAt, job.data.keyId],
    );
  }
}
