// Sending WeChat subscribe messages (订阅消息) goes through this interface, as sign-in goes through
// WeChatSessionProvider: the real one calls WeChat's API, the development one records what it
// would have sent (demo, tests). Nothing here decides who may receive a message: the sender only
// calls it for residents whose subscription it has just consumed.

export type NotificationTopic = 'redemption_result' | 'expiry_reminder';
export const NOTIFICATION_TOPICS: readonly NotificationTopic[] = [
  'redemption_result',
  'expiry_reminder',
];

export interface SubscribeMessage {
  /** The resident's openid in the mini-program. */
  readonly toOpenid: string;
  readonly topic: NotificationTopic;
  /** The page the message opens, e.g. pkg-redeem/pages/redemption/index?id=rd_…. */
  readonly page: string;
  /** The template's fields, e.g. { thing1: '环保购物袋', number2: '5' }. */
  readonly data: Readonly<Record<string, string>>;
}

/** sent, or refused for good (the resident revoked it, a bad template): never retried. */
export type SendOutcome = { sent: true } | { sent: false; reason: string };

export interface SubscribeMessageProvider {
  /** The template id of each topic the app asks the resident for (wx.requestSubscribeMessage). */
  templates(): Readonly<Record<NotificationTopic, string | null>>;
  send(message: SubscribeMessage): Promise<SendOutcome>;
}

export const SUBSCRIBE_MESSAGE_PROVIDER = Symbol('SUBSCRIBE_MESSAGE_PROVIDER');
