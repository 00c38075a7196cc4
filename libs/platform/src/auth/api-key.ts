import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** What a key may do. `admin` grants every scope. */
export const API_SCOPES = ['ingest:write', 'risk:write', 'notification:subscribe', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Who made a request: the key's public id, its holder and its scopes. */
export interface ApiPrincipal {
  readonly keyId: string;
  readonly owner: string;
  readonly scopes: readonly ApiScope[];
}

export const isApiScope = (value: string): value is ApiScope => (API_SCOPES as readonly string[]).includes(value);

/** A new key (shown once) and its public id. 256 random bits: brute force is not a concern, so SHA-256 suffices. */
export function newApiKey(): { key: string; keyId: string } {
  return { key: `hdk_${randomBytes(32).toString('base64url')}`, keyId: `k_${randomBytes(8).toString('hex')}` };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The key a request presents: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function presentedApiKey(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
  const header = headers['x-api-key'];
  return bearer ?? (typeof header === 'string' && header.length > 0 ? header : undefined);
}

export function grants(principal: ApiPrincipal, scope: ApiScope): boolean {
  return principal.scopes.includes('admin') || principal.scopes.includes(scope);
}
