import { Module } from '@nestjs/common';
import { ResidentSubscriptionsController } from './controllers/resident-subscriptions.controller';
import { NotificationSender } from './services/notification-sender';
import { SubscriptionsStore } from './services/subscriptions-store';
import { configuredSubscribeMessageProvider } from './subscribe-message/configured-subscribe-message-provider';

/** The resident's subscriptions (api). */
@Module({
  controllers: [ResidentSubscriptionsController],
  providers: [SubscriptionsStore, configuredSubscribeMessageProvider],
  exports: [SubscriptionsStore],
})
export class NotificationsApiModule {}

/** The sender of redemption results and expiry reminders (worker). */
@Module({
  providers: [SubscriptionsStore, configuredSubscribeMessageProvider, NotificationSender],
  exports: [SubscriptionsStore],
})
export class NotificationsWorkerModule {}
