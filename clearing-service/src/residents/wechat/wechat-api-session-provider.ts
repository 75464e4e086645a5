import type { AppConfig } from '../../config/app-config';
import { WeChatLoginError, WeChatLoginFailure } from './wechat-login-error';
import type { WeChatIdentity, WeChatSessionProvider } from './wechat-session-provider';

export const WECHAT_API_BASE_URL = 'https://api.weixin.qq.com';

// code2Session's documented errcodes. Anything else (40013 bad AppID, 40125 bad AppSecret…) is our
// misconfiguration or WeChat's trouble, never the resident's: it answers "unavailable".
const KNOWN_ERRCODES: Record<number, { failure: WeChatLoginFailure; message: string }> = {
  40029: {
    failure: 'code_invalid',
    message: 'WeChat refused the code (invalid or expired): call wx.login for a new one',
  },
  40163: {
    failure: 'code_invalid',
    message: 'WeChat refused the code (already used): call wx.login for a new one',
  },
  40226: {
    failure: 'user_blocked',
    message: 'WeChat blocks sign-in for this user (high-risk account)',
  },
  45011: { failure: 'rate_limited', message: 'WeChat minute quota reached' },
  [-1]: { failure: 'busy', message: 'WeChat is busy' },
};

// openids are 28 URL-safe characters today; anything outside this would not fit the column.
const WECHAT_ID = /^[\x21-\x7e]{1,64}$/;

interface Code2SessionBody {
  errcode?: number;
  errmsg?: string;
  openid?: unknown;
  unionid?: unknown;
  session_key?: unknown;
}

/**
 * The real code2Session: GET /sns/jscode2session with the mini-program's AppID and AppSecret.
 * Never logs the URL (it carries the secret) and never returns the session_key.
 */
export class WeChatApiSessionProvider implements WeChatSessionProvider {
  constructor(
    private readonly credentials: NonNullable<AppConfig['wechat']>,
    private readonly options: { baseUrl?: string; timeoutMs?: number } = {},
  ) {}

  async code2Session(code: string): Promise<WeChatIdentity> {
    const body = await this.call(code);
    const errcode = body.errcode ?? 0;
    if (errcode !== 0) {
      const known = KNOWN_ERRCODES[errcode];
      const detail = `errcode ${errcode}${body.errmsg ? `: ${body.errmsg}` : ''}`;
      if (!known) throw unavailable(`WeChat code2Session answered ${detail}`, errcode);
      throw new WeChatLoginError(known.failure, `${known.message} (${detail})`, errcode);
    }
    if (typeof body.openid !== 'string' || !WECHAT_ID.test(body.openid)) {
      throw unavailable('WeChat code2Session answered without a usable openid');
    }
    const unionid =
      typeof body.unionid === 'string' && WECHAT_ID.test(body.unionid) ? body.unionid : undefined;
    return unionid ? { openid: body.openid, unionid } : { openid: body.openid };
  }

  private async call(code: string): Promise<Code2SessionBody> {
    const url = new URL('/sns/jscode2session', this.options.baseUrl ?? WECHAT_API_BASE_URL);
    url.search = new URLSearchParams({
      appid: this.credentials.appId,
      secret: this.credentials.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000) });
    } catch (err) {
      // Name the failure only (the error may carry the URL, and the URL carries the secret).
      const e = err as { name?: string; cause?: { code?: string } };
      const reason =
        e.name === 'TimeoutError' ? 'timed out' : `failed (${e.cause?.code ?? e.name})`;
      throw unavailable(`WeChat code2Session ${reason}`);
    }
    if (!response.ok) throw unavailable(`WeChat code2Session answered HTTP ${response.status}`);
    // WeChat labels this JSON text/plain, so read text and parse whatever the content type says.
    const text = await response.text();
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null) return parsed as Code2SessionBody;
    } catch {
      // fall through
    }
    throw unavailable('WeChat code2Session answered something other than a JSON object');
  }
}

function unavailable(message: string, errcode: number | null = null): WeChatLoginError {
  return new WeChatLoginError('unavailable', message, errcode);
}
