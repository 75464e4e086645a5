import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ApiErrorBody } from '@tanlian/sdk';
import { WeChatLoginErrorFilter } from '../../src/residents/controllers/wechat-login-error.filter';
import {
  WeChatLoginError,
  WeChatLoginFailure,
} from '../../src/residents/wechat/wechat-login-error';

/** What the filter sent, through a stand-in for Fastify's reply. */
function answer(error: WeChatLoginError) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: {} as ApiErrorBody };
  const reply = {
    status: (s: number) => ((sent.status = s), reply),
    header: (k: string, v: string) => ((sent.headers[k] = v), reply),
    send: (b: ApiErrorBody) => ((sent.body = b), reply),
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new WeChatLoginErrorFilter().catch(error, host);
  return sent;
}

beforeAll(() => Logger.overrideLogger(false));

describe('WeChat sign-in failures over HTTP', () => {
  it.each<[WeChatLoginFailure, number, string, string | undefined]>([
    ['code_invalid', 422, 'wechat_code_invalid', undefined],
    ['user_blocked', 403, 'wechat_login_blocked', undefined],
    ['rate_limited', 429, 'wechat_rate_limited', '60'],
    ['busy', 503, 'wechat_busy', '5'],
    ['unavailable', 503, 'wechat_unavailable', '30'],
  ])('answers %s with %d %s', (failure, status, code, retryAfter) => {
    const sent = answer(new WeChatLoginError(failure, 'detail from WeChat (errcode 1)', 1));
    expect(sent.status).toBe(status);
    expect(ApiErrorBody.parse(sent.body)).toMatchObject({ statusCode: status, code });
    expect(sent.headers['retry-after']).toBe(retryAfter);
  });

  it("names the code field on a 422, and keeps WeChat's own trouble out of 5xx answers", () => {
    const refused = answer(new WeChatLoginError('code_invalid', 'WeChat refused the code', 40029));
    expect(refused.body.errors).toEqual([{ field: 'code', reason: 'WeChat refused the code' }]);
    const down = answer(new WeChatLoginError('unavailable', 'errcode 40125: invalid appsecret'));
    expect(down.body.message).not.toContain('appsecret');
  });
});
