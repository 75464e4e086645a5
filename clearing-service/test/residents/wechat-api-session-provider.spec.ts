import { WeChatApiSessionProvider } from '../../src/residents/wechat/wechat-api-session-provider';
import { WeChatLoginError } from '../../src/residents/wechat/wechat-login-error';
import { FakeWeChat } from './fake-wechat';

const credentials = { appId: 'wx0123456789abcdef', appSecret: 'f'.repeat(32) };
const fake = new FakeWeChat();
let provider: WeChatApiSessionProvider;

beforeAll(async () => {
  await fake.start();
  provider = new WeChatApiSessionProvider(credentials, { baseUrl: fake.baseUrl, timeoutMs: 300 });
});
afterAll(() => fake.stop());

async function failureOf(code = 'some-code') {
  const err = await provider.code2Session(code).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WeChatLoginError);
  return err as WeChatLoginError;
}

describe('WeChat code2Session', () => {
  it('asks jscode2session with the AppID, the AppSecret and the code', async () => {
    fake.answer = { body: { openid: 'oABC-123_xyz', session_key: 'tiihtNczf5v6AKRyjwEUhQ==' } };
    await provider.code2Session('081Kq4Ga1MSox41ufFGa1elczA0Kq4GH');
    const query = fake.queries.at(-1)!;
    expect(Object.fromEntries(query)).toEqual({
      appid: credentials.appId,
      secret: credentials.appSecret,
      js_code: '081Kq4Ga1MSox41ufFGa1elczA0Kq4GH',
      grant_type: 'authorization_code',
    });
  });

  it('returns the openid and unionid, and drops the session_key', async () => {
    fake.answer = {
      body: { openid: 'oABC-123_xyz', unionid: 'oUNION_42', session_key: 'secret-key==' },
    };
    expect(await provider.code2Session('c')).toEqual({
      openid: 'oABC-123_xyz',
      unionid: 'oUNION_42',
    });
    fake.answer = { body: { openid: 'oABC-123_xyz', session_key: 'secret-key==', errcode: 0 } };
    expect(await provider.code2Session('c')).toEqual({ openid: 'oABC-123_xyz' });
  });

  it('reads JSON whatever the content type says', async () => {
    fake.answer = { contentType: 'application/json', body: { openid: 'oJSON' } };
    expect(await provider.code2Session('c')).toEqual({ openid: 'oJSON' });
  });

  it.each([
    [40029, 'invalid code', 'code_invalid'],
    [40163, 'code been used', 'code_invalid'],
    [40226, 'code blocked', 'user_blocked'],
    [45011, 'api minute-quota reach limit, must slower, retry next minute', 'rate_limited'],
    [-1, 'system error', 'busy'],
    [40013, 'invalid appid', 'unavailable'],
    [40125, 'invalid appsecret', 'unavailable'],
  ])('maps errcode %d (%s) to %s', async (errcode, errmsg, failure) => {
    fake.answer = { body: { errcode, errmsg: `${errmsg}, rid: 6582e7a4-4d3e` } };
    const err = await failureOf();
    expect(err.failure).toBe(failure);
    expect(err.errcode).toBe(errcode);
    expect(err.message).toContain(String(errcode));
  });

  it.each([
    ['an HTTP error', { status: 502, body: 'Bad Gateway' }],
    ['a body that is not JSON', { body: '<html>oops</html>' }],
    ['JSON that is not an object', { body: '42' }],
    ['no openid', { body: { session_key: 'k' } }],
    ['an openid that is not a WeChat id', { body: { openid: 'o'.repeat(65) } }],
  ])('answers unavailable for %s', async (_, answer) => {
    fake.answer = answer;
    expect((await failureOf()).failure).toBe('unavailable');
  });

  it('gives up after its time-out', async () => {
    fake.answer = { hang: true, body: {} };
    const started = Date.now();
    const err = await failureOf();
    expect(err.failure).toBe('unavailable');
    expect(err.message).toContain('timed out');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('answers unavailable when WeChat cannot be reached, without naming the secret', async () => {
    const unreachable = new WeChatApiSessionProvider(credentials, {
      baseUrl: 'http://127.0.0.1:1',
      timeoutMs: 1000,
    });
    const err = await unreachable.code2Session('c').catch((e: WeChatLoginError) => e);
    expect(err).toBeInstanceOf(WeChatLoginError);
    expect((err as WeChatLoginError).failure).toBe('unavailable');
    expect((err as WeChatLoginError).message).not.toContain(credentials.appSecret);
  });
});
