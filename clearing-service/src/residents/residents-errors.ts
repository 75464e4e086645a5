import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnavailableError,
} from '../http/domain-error';
import type { WeChatLoginFailure } from './wechat/wechat-login-error';

// Every failure of this module, in one place, with its stable code. An unknown program is
// tenancy's programNotFound, a participant that is no operator tenancy's notAnOperator.

export const residentNotFound = () => new NotFoundError('resident_not_found', 'Resident not found');

/** Unknown, expired, used and other programs' tokens all answer the same, so none is revealed. */
export const bindingTokenInvalid = () =>
  new NotFoundError('binding_token_invalid', 'Binding token is invalid, expired or already used');

export const userAlreadyBound = () =>
  new ConflictError(
    'user_already_bound',
    "This operator account is already bound to another resident; ask the operator's support",
  );

/** The WeChat code was refused: the only field of the request, named like any other 422. */
export class WeChatCodeInvalid extends DomainError {
  readonly httpStatus = 422;
  readonly field = 'code';
  constructor(message: string) {
    super('wechat_code_invalid', message);
  }
}

/**
 * What the mini-program is told when code2Session fails, given WeChat's own message. The user's
 * trouble is shown as WeChat said it; WeChat's own (quota, busy, down) only in general terms.
 */
export const WECHAT_LOGIN_ERRORS: Record<WeChatLoginFailure, (message: string) => DomainError> = {
  code_invalid: (message) => new WeChatCodeInvalid(message),
  user_blocked: (message) => new ForbiddenError('wechat_login_blocked', message),
  rate_limited: () =>
    new TooManyRequestsError(
      'wechat_rate_limited',
      'Too many sign-ins right now; try again in a minute',
      60,
    ),
  busy: () => new UnavailableError('wechat_busy', 'WeChat is busy; try again in a few seconds', 5),
  unavailable: () =>
    new UnavailableError(
      'wechat_unavailable',
      'WeChat sign-in is unavailable right now; try again later',
      30,
    ),
};
