import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { ApiPrincipal, ApiScope } from './api-key';

/** How a route is protected. Writes with no declaration need the `admin` scope: secure by default. */
export interface RouteAccess {
  /** The scope a write needs (and a read, when readsNeedKey). */
  scope?: ApiScope;
  /** The resource belongs to its owner: even reads need a key holding `scope`. */
  readsNeedKey?: boolean;
  /** No key, no rate limit (health probes). */
  open?: boolean;
  /** The route authenticates its callers itself (notification's subscriber keys and operator token). */
  ownAuthentication?: boolean;
}

export const ROUTE_ACCESS = Symbol('ROUTE_ACCESS');

/** Writes need a key with `scope`; reads follow HASHDESK_OPEN_READS. */
export const RequireScope = (scope: ApiScope) => SetMetadata(ROUTE_ACCESS, { scope } satisfies RouteAccess);
/** Owned resources (watchlists): every request, reads included, needs a key with `scope`. */
export const OwnedResource = (scope: ApiScope) => SetMetadata(ROUTE_ACCESS, { scope, readsNeedKey: true } satisfies RouteAccess);
export const OpenRoute = () => SetMetadata(ROUTE_ACCESS, { open: true } satisfies RouteAccess);
export const OwnAuthentication = () => SetMetadata(ROUTE_ACCESS, { ownAuthentication: true } satisfies RouteAccess);

export type RequestWithPrincipal = { principal?: ApiPrincipal };

/** The caller the request gate authenticated (undefined on an open read without a key). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): ApiPrincipal | undefined => {
  return context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
});
