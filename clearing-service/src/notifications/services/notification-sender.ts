import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import {
  capturedRedemptionsToTell,
  expiringLotsToRemind,
} from '../../read-models/notifications-due';
import { PeriodicTask } from '../../schedule/periodic-task';
import { chinaDay } from '../../time/china-time';
import {
  SUBSCRIBE_MESSAGE_PROVIDER,
  type SubscribeMessage,
  type SubscribeMessageProvider,
} from '../subscribe-message/subscribe-message-provider';
import { SubscriptionsStore } from './subscriptions-store';

const PER_RUN = 100;

/**
 * The worker's sender of subscribe messages: each capture of a subscribed resident's redemption
 * (its result), and each of their lots expiring within EXPIRY_REMINDER_DAYS (a reminder, once per
 * lot). Each message takes one of the resident's acceptances first (SubscriptionsStore.claim), so
 * nobody who did not subscribe is messaged and nothing is sent twice; a send that fails is marked
 * failed and not retried (the acceptance is spent, as WeChat spends it).
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task = new PeriodicTask('notification-sender');
  private readonly logger = new Logger('notifications');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SUBSCRIBE_MESSAGE_PROVIDER) private readonly provider: SubscribeMessageProvider,
    private readonly store: SubscriptionsStore,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.notifications.intervalMs, async () => {
      await this.runOnce();
    });
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** One pass over both topics as of the China day `today`; answers how many messages were sent. */
  async runOnce(today: string = chinaDay(new Date())): Promise<number> {
    let sent = 0;
    for (const r of await capturedRedemptionsToTell(this.db, PER_RUN)) {
      sent += await this.tell(r.residentId, r.redemption, {
        toOpenid: r.openid,
        topic: 'redemption_result',
        page: `pkg-redeem/pages/redemption/index?id=${r.redemption}`,
        data: {
          thing1: (r.offerTitle ?? r.merchant).slice(0, 20),
          number2: r.capturedPoints,
          thing3: r.merchant.slice(0, 20),
        },
      });
    }
    const days = this.config.notifications.expiryReminderDays;
    for (const lot of await expiringLotsToRemind(this.db, today, days, PER_RUN)) {
      sent += await this.tell(lot.residentId, lot.lot, {
        toOpenid: lot.openid,
        topic: 'expiry_reminder',
        page: 'pages/home/index',
        data: { number1: lot.points, date2: lot.expiresOn, thing3: lot.issuer.slice(0, 20) },
      });
    }
    return sent;
  }

  private async tell(
    residentId: number,
    about: string,
    message: SubscribeMessage,
  ): Promise<number> {
    const id = await this.store.claim(residentId, message.topic, about);
    if (id === null) return 0;
    try {
      const outcome = await this.provider.send(message);
      await this.store.finish(
        id,
        outcome.sent ? 'sent' : 'failed',
        outcome.sent ? null : outcome.reason,
      );
      return outcome.sent ? 1 : 0;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.logger.warn(`${message.topic} about ${about} not sent: ${reason}`);
      await this.store.finish(id, 'failed', reason);
      return 0;
    }
  }
}
