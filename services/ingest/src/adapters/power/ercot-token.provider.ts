import { AdapterException, AdapterExceptionCode } from '../adapter.exception';
import { DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT, requireHttpUrl, requireSecret } from '../shared/adapter-config';
import { HttpClient, parseJsonBody } from '../shared/http-client';
import { parseInteger, requireObject } from '../shared/parse.util';

/** Where the ERCOT adapter gets its bearer token (the ID token of ERCOT's B2C login). */
export interface ErcotTokenSource {
  idToken(now: Date): Promise<string>;
  /** Forget the cached token (after a 401). */
  invalidate(): void;
}

export const ERCOT_TOKEN_URL = 'https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token';
/** ERCOT's public client id for the Public API's ROPC flow. */
export const ERCOT_CLIENT_ID = 'fec253ea-0d06-4272-a5e6-b478baeecd70';

export interface ErcotRopcTokenProviderConfig {
  username: string;
  password: string;
  /** Default ERCOT's B2C token endpoint. */
  tokenUrl?: string;
  clientId?: string;
  /** Refresh this long before the token expires (default 5 min). */
  refreshMarginMs?: number;
  timeoutMs?: number;
  userAgent?: string;
  fetch?: typeof fetch;
}

/**
 * ERCOT Public API sign-in: the resource-owner password flow against ERCOT's Azure B2C tenant
 * returns an `id_token` (about an hour) sent as `Authorization: Bearer`. Cached until shortly
 * before `expires_in` runs out (a string or a number of seconds).
 */
export class ErcotRopcTokenProvider implements ErcotTokenSource {
  private readonly http: HttpClient;
  private readonly username: string;
  private readonly password: string;
  private readonly clientId: string;
  private readonly refreshMarginMs: number;
  private cached?: { token: string; expiresAt: number };

  constructor(config: ErcotRopcTokenProviderConfig) {
    this.username = requireSecret('credentials.username', config.username);
    this.password = requireSecret('credentials.password', config.password);
    this.clientId = config.clientId ?? ERCOT_CLIENT_ID;
    this.refreshMarginMs = config.refreshMarginMs ?? 5 * 60_000;
    this.http = new HttpClient({
      baseUrl: requireHttpUrl('credentials.tokenUrl', config.tokenUrl ?? ERCOT_TOKEN_URL),
      timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      userAgent: config.userAgent ?? DEFAULT_USER_AGENT,
      fetch: config.fetch,
    });
  }

  async idToken(now: Date): Promise<string> {
    if (this.cached && now.getTime() < this.cached.expiresAt - this.refreshMarginMs) return this.cached.token;
    const form = new URLSearchParams({
      username: this.username,
      password: this.password,
      grant_type: 'password',
      scope: `openid ${this.clientId} offline_access`,
      client_id: this.clientId,
      response_type: 'id_token',
    });
    const response = await this.http.send({ method: 'POST', path: '', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString() });
    const body = requireObject('token', parseJsonBody(response));
    if (typeof body.id_token !== 'string' || body.id_token === '') {
      throw new AdapterException(AdapterExceptionCode.PROVIDER_ERROR, `ERCOT sign-in answered without an id_token (keys: ${Object.keys(body).join(', ')})`, { field: 'id_token' });
    }
    const expiresInSeconds = body.expires_in === undefined ? 3_600 : parseInteger('expires_in', body.expires_in, 1);
    this.cached = { token: body.id_token, expiresAt: now.getTime() + expiresInSeconds * 1000 };
    return body.id_token;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
