import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateBy } from 'class-validator';
import { InfraEnv, portFromEnv } from '@hashdesk/config';
import { secretKeysProblem } from '../secrets/secret-keys';
import { allowlistProblem } from '../subscriptions/allowed-origin';

const toInt = portFromEnv;

/** A rule given as a function answering why a value breaks it (undefined: it does not); the answer is the message. */
const Satisfies = (name: string, problem: (value: unknown) => string | undefined): PropertyDecorator =>
  ValidateBy({ name, validator: { validate: (value) => problem(value) === undefined, defaultMessage: (args) => problem(args?.value) ?? '' } });

export class NotificationEnv extends InfraEnv {
  @Transform(toInt)
  @IsInt({ message: 'must be a TCP port number' })
  @Min(1)
  @Max(65535)
  NOTIFICATION_HTTP_PORT = 3004;

  /** The built-in default subscription: every alert is POSTed here. Without it alerts reach only subscribers. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' })
  NOTIFICATION_WEBHOOK_URL?: string;

  /** Standard Webhooks signing secret (whsec_ + base64) of the default subscription. */
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9+/]+=*$/, { message: 'must be whsec_ followed by base64' })
  NOTIFICATION_WEBHOOK_SECRET?: string;

  /** Attempts before a delivery is dead-lettered. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(50)
  NOTIFICATION_MAX_ATTEMPTS = 8;

  /** First retry delay; each later one doubles (see retry-schedule.ts). */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(10)
  @Max(600_000)
  NOTIFICATION_RETRY_BASE_MS = 1_000;

  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100)
  @Max(60_000)
  NOTIFICATION_REQUEST_TIMEOUT_MS = 10_000;

  /** Consecutive failed attempts after which an endpoint is disabled and its owner told. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10_000)
  NOTIFICATION_DISABLE_AFTER_FAILURES = 50;

  /** Per-endpoint rate limit (requests per second), counted in Redis. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(1_000_000)
  NOTIFICATION_ENDPOINT_RATE_PER_SECOND = 200;

  /** Largest delivery body in bytes; a larger one is dead-lettered instead of sent. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1_024)
  @Max(10_485_760)
  NOTIFICATION_MAX_PAYLOAD_BYTES = 262_144;

  /** Deliveries in flight at once across all endpoints. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(10_000)
  NOTIFICATION_MAX_IN_FLIGHT = 256;

  /** Open HTTP connections (kept alive) to one endpoint at most; NOTIFICATION_MAX_IN_FLIGHT bounds them all. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(1_000)
  NOTIFICATION_MAX_CONNECTIONS_PER_ENDPOINT = 32;

  /**
   * The SMTP server for the "email" channel, e.g. smtp://user:pass@mail.example.com:587 (STARTTLS
   * when offered) or smtps://…:465. Without it email subscriptions are refused.
   */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['smtp', 'smtps'], require_protocol: true }, { message: 'must be an smtp:// or smtps:// URL' })
  NOTIFICATION_SMTP_URL?: string;

  /** The From address of notification emails. */
  @IsString()
  NOTIFICATION_EMAIL_FROM = 'hashdesk <notifications@hashdesk.invalid>';

  /** How long a rotated-out webhook secret still signs (both signatures are sent). */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of seconds' })
  @Min(0)
  @Max(30 * 86_400)
  NOTIFICATION_SECRET_OVERLAP_SECONDS = 86_400;

  /**
   * Origins (scheme, host and port, e.g. "http://127.0.0.1:3009,https://hooks.internal") webhooks may
   * reach even though private, loopback or link-local (comma-separated). One entry admits one origin,
   * never a whole host; a bare host or address, range, path or wildcard is refused at start-up.
   */
  @IsOptional()
  @Satisfies('originList', allowlistProblem)
  NOTIFICATION_URL_ALLOWLIST = '';

  /**
   * Keys that encrypt webhook signing secrets at rest (AES-256-GCM): "id:base64 of 32 bytes", comma-
   * separated, the first one active, the others kept to decrypt until rotate-secrets has re-encrypted
   * what they sealed. Required: without it the service does not start.
   */
  @Satisfies('secretKeys', secretKeysProblem)
  NOTIFICATION_SECRET_KEYS!: string;

  /** When set, creating a subscriber needs the header x-admin-token with this value. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  NOTIFICATION_ADMIN_TOKEN?: string;
}
