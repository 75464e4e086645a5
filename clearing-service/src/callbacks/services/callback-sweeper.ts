import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../../schedule/periodic-task';
import { CALLBACK_POLICY, CallbackPolicy } from '../callback-policy';
import { CallbackDispatcher } from './callback-dispatcher';

/**
 * The delivery rows in MySQL are the truth; queue jobs only make deliveries prompt. This timer sends
 * whatever is due whose job was lost (Redis down or wiped, a worker killed mid-attempt). A
 * PeriodicTask in the worker, so that wiping Redis cannot stop it.
 */
@Injectable()
export class CallbackSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('callback-sweeper');

  constructor(
    private readonly dispatcher: CallbackDispatcher,
    @Inject(CALLBACK_POLICY) private readonly policy: CallbackPolicy,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.policy.sweepIntervalMs, async () => {
      await this.dispatcher.deliverDue();
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }
}
