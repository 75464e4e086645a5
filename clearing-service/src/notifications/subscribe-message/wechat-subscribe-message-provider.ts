import type { AppConfig } from '../../config/app-config';
import type {
  NotificationTopic,
  SendOutcome,
  SubscribeMessage,
  SubscribeMessageProvider,
} from './subscribe-message-provider';

export const WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';

// subscribeMessage.send's answers that say this message will never go (the resident refused or
// used up the subscription, or the template is wrong): not retried. Anything else throws, and the
// sender marks the attempt failed.
const FINAL_ERRCODES: Record<number, string> = {
  43101: 'the resident has not subscribed (or used the subscription up)',
  40003: 'the openid is not one of this mini-program',
  40037: 'the template id is wrong',
  47003: "the message's fields do not fit the template",
};
// The access token was refused: fetch a new one once and retry.
const TOKEN_ERRCODES = new Set([40001, 42001, 40014]);

interface WeChatAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: unknown;
  expires_in?: unknown;
}

/**
 * The real sender: an access token from /cgi-bin/stable_token (kept until a minute before it
 * expires), then POST /cgi-bin/message/subscribe/send. Never logs URLs or bodies with the secret.
 */
export class WeChatSubscribeMessageProvider implements SubscribeMessageProvider {
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly credentials: NonNullable<AppConfig['wechat']>,
    private readonly templateIds: Readonly<Record<NotificationTopic, string | null>>,
    private readonly options: { baseUrl?: string; timeoutMs?: number; state?: string } = {},
  ) {}

  templates(): Readonly<Record<NotificationTopic, string | null>> {
    return this.templateIds;
  }

  async send(message: SubscribeMessage): Promise<SendOutcome> {
    const templateId = this.templateIds[message.topic];
    if (templateId === null) return { sent: false, reason: `no template for ${message.topic}` };
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(attempt > 0);
      const answer = await this.post(`/cgi-bin/message/subscribe/send?access_token=${token}`, {
        touser: message.toOpenid,
        template_id: templateId,
        page: message.page,
        miniprogram_state: this.options.state ?? 'formal',
        lang: 'zh_CN',
        data: Object.fromEntries(Object.entries(message.data).map(([k, v]) => [k, { value: v }])),
      });
      const errcode = answer.errcode ?? 0;
      if (errcode === 0) return { sent: true };
      if (TOKEN_ERRCODES.has(errcode) && attempt === 0) continue;
      const final = FINAL_ERRCODES[errcode];
      if (final) return { sent: false, reason: `${final} (errcode ${errcode})` };
      throw new Error(`WeChat subscribeMessage.send answered errcode ${errcode}`);
    }
  }

  private async accessToken(renew: boolean): Promise<string> {
    if (!renew && this.token && this.token.until > Date.now()) return this.token.value;
    const answer = await this.post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: this.credentials.appId,
      secret: this.credentials.appSecret,
      force_refresh: renew,
    });
    if (typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number')
      throw new Error(`WeChat stable_token answered errcode ${answer.errcode ?? 'none'}`);
    this.token = {
      value: answer.access_token,
      until: Date.now() + Math.max(0, answer.expires_in - 60) * 1000,
    };
    return this.token.value;
  }

  private async post(path: string, body: object): Promise<WeChatAnswer> {
    const url = new URL(path, this.options.baseUrl ?? WECHAT_API_BASE_URL);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string } };
      throw new Error(
        `WeChat ${url.pathname} ${e.name === 'TimeoutError' ? 'timed out' : `failed (${e.cause?.code ?? e.name})`}`,
      );
    }
    if (!response.ok) throw new Error(`WeChat ${url.pathname} answered HTTP ${response.status}`);
    const parsed: unknown = JSON.parse(await response.text());
    if (typeof parsed !== 'object' || parsed === null)
      throw new Error(`WeChat ${url.pathname} answered something other than a JSON object`);
    return parsed as WeChatAnswer;
  }
}
