import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { WeChatLoginError, WeChatLoginFailure } from '../wechat/wechat-login-error';

interface Answer {
  status: number;
  error: string;
  code: string;
  /** Null: the error's own message is safe and useful to show; otherwise say only this. */
  message: string | null;
  retryAfterSeconds?: number;
}

// What the mini-program is told. WeChat's own trouble is logged here and answered in general terms.
const ANSWERS: Record<WeChatLoginFailure, Answer> = {
  code_invalid: {
    status: 422,
    error: 'Unprocessable Entity',
    code: 'wechat_code_invalid',
    message: null,
  },
  user_blocked: { status: 403, error: 'Forbidden', code: 'wechat_login_blocked', message: null },
  rate_limited: {
    status: 429,
    error: 'Too Many Requests',
    code: 'wechat_rate_limited',
    message: 'Too many sign-ins right now; try again in a minute',
    retryAfterSeconds: 60,
  },
  busy: {
    status: 503,
    error: 'Service Unavailable',
    code: 'wechat_busy',
    message: 'WeChat is busy; try again in a few seconds',
    retryAfterSeconds: 5,
  },
  unavailable: {
    status: 503,
    error: 'Service Unavailable',
    code: 'wechat_unavailable',
    message: 'WeChat sign-in is unavailable right now; try again later',
    retryAfterSeconds: 30,
  },
};

/**
 * Turns a failed code2Session into the API's error body (ApiErrorBody). Lives with the controller
 * because 429 and 503 are HTTP's vocabulary, not the provider's.
 */
@Catch(WeChatLoginError)
export class WeChatLoginErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('wechat');

  catch(error: WeChatLoginError, host: ArgumentsHost): void {
    const answer = ANSWERS[error.failure];
    if (answer.status >= 500) this.logger.error(error.message);
    else this.logger.warn(error.message);
    const message = answer.message ?? error.message;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (answer.retryAfterSeconds)
      void reply.header('retry-after', String(answer.retryAfterSeconds));
    void reply.status(answer.status).send({
      statusCode: answer.status,
      error: answer.error,
      code: answer.code,
      message,
      // The code is the request's only field: say so like any other 422.
      ...(answer.status === 422 ? { errors: [{ field: 'code', reason: message }] } : {}),
    });
  }
}
