import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

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
}

export const portFromEnv = toInt;
