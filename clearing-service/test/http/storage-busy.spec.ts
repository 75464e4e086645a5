import type { ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { HttpExceptionFilter } from '../../src/http/http-exception.filter';

/** What the filter answers for `thrown`: status, headers and body, as the client sees them. */
function answer(thrown: unknown) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const reply = {
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    status(code: number) {
      sent.status = code;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(thrown, host);
  return sent;
}

const driverError = (code: string, errno: number) =>
  Object.assign(new Error(`${code}: try restarting transaction`), { code, errno });

describe('a write that lost to other writers after its retries', () => {
  it.each([
    ['a deadlock', 'ER_LOCK_DEADLOCK', 1213],
    ['a lock-wait timeout', 'ER_LOCK_WAIT_TIMEOUT', 1205],
  ])('%s is 503 storage_busy with Retry-After, not 500', (_, code, errno) => {
    const thrown = new QueryFailedError('UPDATE x', [], driverError(code, errno));
    const sent = answer(thrown);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('1');
    expect(sent.body).toMatchObject({ code: 'storage_busy' });
  });

  it('leaves other statement errors as they were (a bug stays a 500)', () => {
    const thrown = new QueryFailedError('SELECT', [], driverError('ER_PARSE_ERROR', 1064));
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const sent = answer(thrown);
    expect(sent.status).toBe(500);
    expect(sent.headers['retry-after']).toBeUndefined();
  });
});
