import { resolve } from 'node:path';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, Min } from 'class-validator';
import { portFromEnv } from '@hashdesk/config';

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
const local = (variable: string, port: number) => `http://127.0.0.1:${process.env[variable] ?? port}`;
const URL_RULE = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

/** The console needs no broker or database: only where the four services answer and the key it forwards. */
export class ConsoleEnv {
  @Transform(portFromEnv)
  @IsInt({ message: 'must be a TCP port number' })
  @Min(1)
  @Max(65535)
  CONSOLE_HTTP_PORT = 3000;

  /** Forwarded as x-api-key on every proxied call (reads are open today; writes will need a key). */
  @IsOptional()
  @IsString()
  @Length(1, 500)
  CONSOLE_API_KEY?: string;

  /** A notification subscriber's key for the SSE stream and the delivery log; else one is provisioned (below). */
  @IsOptional()
  @IsString()
  @Length(1, 500)
  CONSOLE_SUBSCRIBER_API_KEY?: string;

  /** With it, the console registers its own subscriber and SSE subscription on first use. */
  @IsOptional()
  @IsString()
  NOTIFICATION_ADMIN_TOKEN?: string;

  /** Where the provisioned subscriber key is kept (owner-only), so a restart reuses it. */
  @IsString()
  CONSOLE_SUBSCRIBER_KEY_FILE = resolve(REPO_ROOT, '.run', 'console-subscriber-key');

  @IsUrl(URL_RULE, { message: 'must be an http(s) URL' })
  CONSOLE_INGEST_URL = local('INGEST_HTTP_PORT', 3001);

  @IsUrl(URL_RULE, { message: 'must be an http(s) URL' })
  CONSOLE_VALUATION_URL = local('VALUATION_HTTP_PORT', 3002);

  @IsUrl(URL_RULE, { message: 'must be an http(s) URL' })
  CONSOLE_RISK_URL = local('RISK_HTTP_PORT', 3003);

  @IsUrl(URL_RULE, { message: 'must be an http(s) URL' })
  CONSOLE_NOTIFICATION_URL = local('NOTIFICATION_HTTP_PORT', 3004);

  /** The built single-page app (npm run console:build, or the main job). */
  @IsString()
  CONSOLE_WEB_DIR = resolve(REPO_ROOT, 'services', 'console', 'web', 'dist');

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL = 'info';
}

export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');
