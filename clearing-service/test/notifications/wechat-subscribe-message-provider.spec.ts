import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WeChatSubscribeMessageProvider } from '../../src/notifications/subscribe-message/wechat-subscribe-message-provider';

// The real sender against a local stand-in for api.weixin.qq.com: the access token first (kept),
// then subscribeMessage.send with the template of the topic; a refused token renewed once; the
// answers that mean "never" reported as not sent, anything else thrown.
const credentials = { appId: 'wx0123456789abcdef', appSecret: 'f'.repeat(32) };
const calls: { path: string; body: Record<string, unknown> }[] = [];
let answers: Record<string, unknown>[] = [];
let server: Server;
let provider: WeChatSubscribeMessageProvider;

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      calls.push({ path: req.url ?? '', body: JSON.parse(text) });
      const path = (req.url ?? '').split('?')[0];
      const body =
        path === '/cgi-bin/stable_token'
          ? { access_token: `token-${calls.length}`, expires_in: 7200 }
          : (answers.shift() ?? { errcode: 0, errmsg: 'ok' });
      res.setHeader('content-type', 'text/plain');
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new WeChatSubscribeMessageProvider(
    credentials,
    { redemption_result: 'TPL-RESULT', expiry_reminder: null },
    { baseUrl, timeoutMs: 1000 },
  );
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => {
  calls.length = 0;
  answers = [];
});

const message = {
  toOpenid: 'oABC-123_xyz',
  topic: 'redemption_result' as const,
  page: 'pkg-redeem/pages/redemption/index?id=rd_0123456789abcdef',
  data: { thing1: '环保购物袋', number2: '5' },
};

it('gets a token once, then sends the topic’s template with its fields', async () => {
  expect(await provider.send(message)).toEqual({ sent: true });
  expect(await provider.send(message)).toEqual({ sent: true });
  expect(calls.map((c) => c.path.split('?')[0])).toEqual([
    '/cgi-bin/stable_token',
    '/cgi-bin/message/subscribe/send',
    '/cgi-bin/message/subscribe/send',
  ]);
  expect(calls[0].body).toEqual({
    grant_type: 'client_credential',
    appid: credentials.appId,
    secret: credentials.appSecret,
    force_refresh: false,
  });
  expect(calls[1].path).toBe('/cgi-bin/message/subscribe/send?access_token=token-1');
  expect(calls[1].body).toEqual({
    touser: 'oABC-123_xyz',
    template_id: 'TPL-RESULT',
    page: message.page,
    miniprogram_state: 'formal',
    lang: 'zh_CN',
    data: { thing1: { value: '环保购物袋' }, number2: { value: '5' } },
  });
});

it('renews a refused token once and sends again', async () => {
  answers = [{ errcode: 40001, errmsg: 'invalid credential' }];
  expect(await provider.send(message)).toEqual({ sent: true });
  expect(calls.map((c) => c.path.split('?')[0])).toEqual([
    '/cgi-bin/message/subscribe/send',
    '/cgi-bin/stable_token',
    '/cgi-bin/message/subscribe/send',
  ]);
  expect(calls[1].body.force_refresh).toBe(true);
});

it('reports a resident who has not subscribed as not sent, and throws on WeChat trouble', async () => {
  answers = [{ errcode: 43101, errmsg: 'user refuse to accept the msg' }];
  expect(await provider.send(message)).toEqual({
    sent: false,
    reason: expect.stringMatching(/not subscribed.*43101/),
  });
  answers = [{ errcode: -1, errmsg: 'system busy' }];
  await expect(provider.send(message)).rejects.toThrow(/errcode -1/);
});

it('sends nothing for a topic with no template', async () => {
  expect(await provider.send({ ...message, topic: 'expiry_reminder' })).toEqual({
    sent: false,
    reason: 'no template for expiry_reminder',
  });
  expect(calls).toEqual([]);
});
