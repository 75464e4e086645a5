import { Logger } from '@nestjs/common';
import type {
  NotificationTopic,
  SendOutcome,
  SubscribeMessage,
  SubscribeMessageProvider,
} from './subscribe-message-provider';

/**
 * Without WeChat credentials: records every message it is given (and logs it) instead of sending
 * it, for the demo and tests. Its template ids are placeholders the H5 build never shows WeChat.
 */
export class DevSubscribeMessageProvider implements SubscribeMessageProvider {
  readonly sent: SubscribeMessage[] = [];
  private readonly logger = new Logger('notifications');

  templates(): Record<NotificationTopic, string> {
    return { redemption_result: 'dev-redemption-result', expiry_reminder: 'dev-expiry-reminder' };
  }

  async send(message: SubscribeMessage): Promise<SendOutcome> {
    this.sent.push(message);
    this.logger.log(`development: would send ${message.topic} to ${message.page}`);
    return { sent: true };
  }
}
