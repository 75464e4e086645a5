import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CALLBACK_POLICY, CallbackPolicy } from '../callback-policy';
import { CallbackDispatcher } from './callback-dispatcher';

/**
 * The delivery rows in MySQL are the truth; queue jobs only make deliveries prompt. This timer sends
 * whatever is due whose job was lost (Redis down or wiped, a worker killed mid-attempt). A timer in
 * the worker, not a repeatable BullMQ job, so that wiping Redis cannot stop it.
 */
@Injectable()
export class CallbackSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('callback-sweeper');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly dispatcher: CallbackDispatcher,
    @Inject(CALLBACK_POLICY) private readonly policy: CallbackPolicy,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.sweep().finally(() => (this.running = null));
    }, this.policy.sweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  async sweep(): Promise<void> {
    try {
      await this.dispatcher.deliverDue();
    } catch (err) {
      this.logger.error(`sweep failed: ${(err as Error).message}`);
    }
  }
}
