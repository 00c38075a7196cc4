import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { HttpException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyChangedSchema } from '@hashdesk/contracts';
import type { PlatformOptions } from '../platform.options';
import { hashApiKey } from './api-key';
import { ApiKeyRegistry } from './api-key-registry';
import type { RateLimiter } from './rate-limiter';
import { RequestGate } from './request-gate.guard';
import { ROUTE_ACCESS, type RouteAccess } from './route-access.decorator';

const ADMIN_KEY = 'hdk_admin-key-of-this-unit-test-000000000000';
const DESK_KEY = 'hdk_desk-key';

function gate(openReads: boolean, allowed = true) {
  const registry = new ApiKeyRegistry(ADMIN_KEY);
  registry.apply(create(ApiKeyChangedSchema, { keyId: 'k_desk', secretSha256: hashApiKey(DESK_KEY), scopes: ['risk:write'], owner: 'desk' }));
  const limiter = { consume: async () => ({ allowed, remaining: allowed ? 1 : 0, retryAfterSeconds: 42 }) } as unknown as RateLimiter;
  const options = { infra: { HASHDESK_OPEN_READS: openReads, HASHDESK_RATE_LIMIT_PER_MINUTE_IP: 10, HASHDESK_RATE_LIMIT_PER_MINUTE_KEY: 10 } } as unknown as PlatformOptions;
  return new RequestGate(new Reflector(), registry, limiter, options);
}

function request(method: string, key: string | undefined, access: RouteAccess | undefined) {
  const handler = () => undefined;
  if (access) Reflect.defineMetadata(ROUTE_ACCESS, access, handler);
  const headers: Record<string, string> = key ? { 'x-api-key': key } : {};
  const response = { headers: {} as Record<string, string>, setHeader(name: string, value: string) { this.headers[name] = value; } };
  const req = { method, headers, socket: { remoteAddress: '127.0.0.1' } } as Record<string, unknown>;
  const context = {
    getType: () => 'http', getHandler: () => handler, getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { context, req, response };
}

const statusOf = async (promise: Promise<unknown>) => promise.then(() => 200, (e: HttpException) => e.getStatus());

describe('RequestGate', () => {
  it('lets reads through without a key when reads are open, and refuses them (401) when they are not', async () => {
    expect(await statusOf(gate(true).canActivate(request('GET', undefined, undefined).context))).toBe(200);
    expect(await statusOf(gate(false).canActivate(request('GET', undefined, undefined).context))).toBe(401);
    expect(await statusOf(gate(false).canActivate(request('GET', DESK_KEY, undefined).context))).toBe(200);
  });

  it('needs the admin scope for a write whose route declares none (secure by default)', async () => {
    expect(await statusOf(gate(true).canActivate(request('POST', DESK_KEY, undefined).context))).toBe(403);
    expect(await statusOf(gate(true).canActivate(request('POST', ADMIN_KEY, undefined).context))).toBe(200);
  });

  it('checks the declared scope, and owned resources need a key even to read', async () => {
    expect(await statusOf(gate(true).canActivate(request('POST', DESK_KEY, { scope: 'risk:write' }).context))).toBe(200);
    expect(await statusOf(gate(true).canActivate(request('POST', DESK_KEY, { scope: 'ingest:write' }).context))).toBe(403);
    expect(await statusOf(gate(true).canActivate(request('GET', undefined, { scope: 'risk:write', readsNeedKey: true }).context))).toBe(401);
  });

  it('hands the principal to the route and never refuses on routes that authenticate themselves', async () => {
    const own = request('POST', DESK_KEY, { ownAuthentication: true });
    expect(await statusOf(gate(true).canActivate(own.context))).toBe(200);
    expect(own.req.principal).toEqual({ keyId: 'k_desk', owner: 'desk', scopes: ['risk:write'] });
    expect(await statusOf(gate(true).canActivate(request('POST', 'hdk_unknown', { ownAuthentication: true }).context))).toBe(200);
  });

  it('answers 429 with Retry-After when the limiter says no', async () => {
    const { context, response } = request('GET', undefined, undefined);
    expect(await statusOf(gate(true, false).canActivate(context))).toBe(429);
    expect(response.headers['retry-after']).toBe('42');
  });
});

describe('ApiKeyRegistry', () => {
  it('replaces a key by its id and forgets it once revoked', () => {
    const registry = new ApiKeyRegistry();
    registry.apply(create(ApiKeyChangedSchema, { keyId: 'k1', secretSha256: hashApiKey('one'), scopes: ['risk:write', 'not-a-scope'], owner: 'a' }));
    expect(registry.authenticate('one')).toEqual({ keyId: 'k1', owner: 'a', scopes: ['risk:write'] });
    registry.apply(create(ApiKeyChangedSchema, { keyId: 'k1', secretSha256: hashApiKey('two'), scopes: ['admin'], owner: 'a' }));
    expect(registry.authenticate('one')).toBeUndefined();
    expect(registry.authenticate('two')?.scopes).toEqual(['admin']);
    registry.apply(create(ApiKeyChangedSchema, { keyId: 'k1', owner: 'a', revokedAt: timestampFromDate(new Date()) }));
    expect(registry.authenticate('two')).toBeUndefined();
    expect(registry.size).toBe(0);
  });
});
