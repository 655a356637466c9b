import {
  Injectable,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { UnauthorizedException } from '@leadhooks/http';
import type { Request } from 'express';
import { AccountsService, type Principal } from './accounts.service';
import { presentedApiKey } from './api-key';

const principals = new WeakMap<Request, Principal>();

/**
 * Lets a request through only with a valid API key, and remembers whose it is for
 * `@CurrentPrincipal()`. Missing, conflicting and wrong keys get the same 401 body apart
 * from the message, and nothing about the key is logged.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly accounts: AccountsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const presented = presentedApiKey({
      authorization: request.headersDistinct.authorization,
      'x-api-key': request.headersDistinct['x-api-key'],
    });
    if (presented.kind === 'conflicting') {
      throw new UnauthorizedException(
        'Two different API keys were sent (in Authorization and X-Api-Key, or the same header twice): send one key',
      );
    }
    if (presented.kind === 'none') {
      throw new UnauthorizedException(
        'An API key is required: send Authorization: Bearer <key> or X-Api-Key: <key>',
      );
    }
    const principal = await this.accounts.authenticate(presented.key);
    if (principal === undefined) throw new UnauthorizedException('The API key is not valid');
    principals.set(request, principal);
    return true;
  }
}

/** The principal ApiKeyGuard established for a request (interceptors read it here). */
export function principalOf(request: Request): Principal | undefined {
  return principals.get(request);
}

/** The principal ApiKeyGuard established; only valid on routes the guard protects. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = principals.get(context.switchToHttp().getRequest<Request>());
    // A route without the guard reading the principal is a wiring bug, not a client error.
    if (principal === undefined)
      throw new Error('CurrentPrincipal used on a route without ApiKeyGuard');
    return principal;
  },
);
