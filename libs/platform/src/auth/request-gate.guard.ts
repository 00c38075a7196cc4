import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PLATFORM_OPTIONS } from '../platform.tokens';
import type { PlatformOptions } from '../platform.options';
import { grants, presentedApiKey, type ApiPrincipal, type ApiScope } from './api-key';
import { ApiKeyRegistry } from './api-key-registry';
import { RateLimiter } from './rate-limiter';
import { ROUTE_ACCESS, type RequestWithPrincipal, type RouteAccess } from './route-access.decorator';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const HOW_TO_GET_A_KEY = 'send x-api-key: <key> or Authorization: Bearer <key>; an operator creates one with: npm run keys -- create --owner <name> --scopes <scopes>';

function refuse(status: number, code: string, message: string): HttpException {
  return new HttpException({ statusCode: status, code, message }, status);
}

/**
 * Every HTTP request passes here first: a per-address rate limit, then the API key, then a per-key
 * rate limit, then the scope the route declares (writes with none declared need `admin`).
 */
@Injectable()
export class RequestGate implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly registry: ApiKeyRegistry,
    private readonly limiter: RateLimiter,
    @Inject(PLATFORM_OPTIONS) private readonly options: PlatformOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]) ?? {};
    if (access.open) return true;
    const request = context.switchToHttp().getRequest<IncomingMessage & RequestWithPrincipal>();
    const response = context.switchToHttp().getResponse<ServerResponse>();
    const { infra } = this.options;

    await this.limit(`ip:${request.socket.remoteAddress ?? 'unknown'}`, infra.HASHDESK_RATE_LIMIT_PER_MINUTE_IP, response);
    const key = presentedApiKey(request.headers);
    const principal = key === undefined ? undefined : this.registry.authenticate(key);
    if (access.ownAuthentication) {
      // The route's own guard judges the caller (its keys are not platform keys); a platform key it may also honour is handed on.
      request.principal = principal;
      return true;
    }
    if (key !== undefined && !principal) throw refuse(HttpStatus.UNAUTHORIZED, 'API_KEY_INVALID', `the API key is not valid (unknown or revoked); ${HOW_TO_GET_A_KEY}`);
    if (principal) await this.limit(`key:${principal.keyId}`, infra.HASHDESK_RATE_LIMIT_PER_MINUTE_KEY, response);
    request.principal = principal;

    const isRead = READ_METHODS.has(request.method ?? 'GET');
    if (isRead && !access.readsNeedKey) {
      if (principal || infra.HASHDESK_OPEN_READS) return true;
      throw refuse(HttpStatus.UNAUTHORIZED, 'API_KEY_REQUIRED', `reads need an API key here (HASHDESK_OPEN_READS=false); ${HOW_TO_GET_A_KEY}`);
    }
    return this.authorize(principal, access.scope ?? 'admin');
  }

  private authorize(principal: ApiPrincipal | undefined, scope: ApiScope): true {
    if (!principal) throw refuse(HttpStatus.UNAUTHORIZED, 'API_KEY_REQUIRED', `this operation needs an API key with the scope ${scope}; ${HOW_TO_GET_A_KEY}`);
    if (!grants(principal, scope)) throw refuse(HttpStatus.FORBIDDEN, 'SCOPE_MISSING', `the key ${principal.keyId} lacks the scope ${scope} (it has ${principal.scopes.join(', ') || 'none'})`);
    return true;
  }

  private async limit(caller: string, limitPerMinute: number, response: ServerResponse): Promise<void> {
    const decision = await this.limiter.consume(caller, limitPerMinute);
    response.setHeader('x-ratelimit-limit', String(limitPerMinute));
    response.setHeader('x-ratelimit-remaining', String(decision.remaining));
    if (decision.allowed) return;
    response.setHeader('retry-after', String(decision.retryAfterSeconds));
    throw refuse(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', `more than ${limitPerMinute} requests a minute; retry after ${decision.retryAfterSeconds} s`);
  }
}
