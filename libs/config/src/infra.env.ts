import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value);

/** Variables every service needs: where the broker, the database and Redis are, and how to log. */
export class InfraEnv {
  /** Comma-separated host:port list, e.g. 127.0.0.1:9092 */
  @Matches(/^[^,:\s]+:\d+(,[^,:\s]+:\d+)*$/, { message: 'must be a comma-separated list of host:port (e.g. 127.0.0.1:9092)' })
  KAFKA_BROKERS!: string;

  /** Prepended to every topic and consumer group: isolates test runs and environments on one broker. */
  @IsOptional()
  @Matches(/^[a-z0-9-]*\.?$/, { message: 'must be lowercase letters, digits and dashes, optionally ending with a dot' })
  KAFKA_TOPIC_PREFIX = '';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL (e.g. postgres://postgres@127.0.0.1:5432/hashdesk)' })
  DATABASE_URL!: string;

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL (e.g. redis://127.0.0.1:6379)' })
  REDIS_URL!: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' })
  LOG_LEVEL = 'info';

  /** Optional OTLP/HTTP endpoint for traces (e.g. http://127.0.0.1:4318); traces stay in-process without it. */
  @IsOptional()
  @IsString()
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_INTERVAL_MS = 200;

  /** The operator's bootstrap key: every scope. Other keys are issued with `npm run keys -- create`. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (openssl rand -base64 32)' })
  HASHDESK_ADMIN_API_KEY?: string;

  /** GET and HEAD without a key (true), or every request needs a valid key (false). Owned resources always need one. */
  @Transform(toBool)
  @IsIn([true, false], { message: 'must be true or false' })
  HASHDESK_OPEN_READS = true;

  /** Requests per minute from one client address (429 with Retry-After beyond it). */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of requests per minute' })
  @Min(1)
  @Max(10_000_000)
  HASHDESK_RATE_LIMIT_PER_MINUTE_IP = 1_200;

  /** Requests per minute with one API key, wherever they come from. */
  @Transform(toInt)
  @IsInt({ message: 'must be a whole number of requests per minute' })
  @Min(1)
  @Max(10_000_000)
  HASHDESK_RATE_LIMIT_PER_MINUTE_KEY = 6_000;
}

export const portFromEnv = toInt;
