import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import type { Principal } from './principal';

/**
 * Turns a bearer token into a principal. API keys (tenancy) and resident sessions (residents) each
 * provide one; the access guard asks them in turn, so it needs to know neither.
 */
export interface BearerAuthenticator {
  /** The principal behind a live token, or null when the token is not this authenticator's or is dead. */
  authenticate(token: string): Promise<Principal | null>;
}

export const BEARER_AUTHENTICATORS = Symbol('BEARER_AUTHENTICATORS');

@Module({})
export class BearerAuthenticatorsModule {
  /** Collects the authenticators (provided and exported by `imports`) for the access guard. */
  static forRoot(
    imports: ModuleMetadata['imports'],
    authenticators: Type<BearerAuthenticator>[],
  ): DynamicModule {
    return {
      module: BearerAuthenticatorsModule,
      global: true,
      imports,
      providers: [
        {
          provide: BEARER_AUTHENTICATORS,
          inject: authenticators,
          useFactory: (...instances: BearerAuthenticator[]) => instances,
        },
      ],
      exports: [BEARER_AUTHENTICATORS],
    };
  }
}
