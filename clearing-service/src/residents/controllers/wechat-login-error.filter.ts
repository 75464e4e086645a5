import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { describeError } from '../../http/http-exception.filter';
import { RetryLaterError } from '../../http/domain-error';
import { WECHAT_LOGIN_ERRORS, WeChatCodeInvalid } from '../residents-errors';
import { WeChatLoginError } from '../wechat/wechat-login-error';

/**
 * Turns a failed code2Session into the API's error body (ApiErrorBody), through the residents
 * catalog. Lives with the controller because 429 and 503 are HTTP's vocabulary, not the provider's.
 * WeChat's own trouble is logged here and answered in general terms.
 */
@Catch(WeChatLoginError)
export class WeChatLoginErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('wechat');

  catch(error: WeChatLoginError, host: ArgumentsHost): void {
    const answer = WECHAT_LOGIN_ERRORS[error.failure](error.message);
    if (answer.httpStatus >= 500) this.logger.error(error.message);
    else this.logger.warn(error.message);
    const { status, body } = describeError(answer);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (answer instanceof RetryLaterError)
      void reply.header('retry-after', String(answer.retryAfterSeconds));
    void reply.status(status).send({
      ...body,
      // The code is the request's only field: say so like any other 422.
      ...(answer instanceof WeChatCodeInvalid
        ? { errors: [{ field: answer.field, reason: answer.message }] }
        : {}),
    });
  }
}
