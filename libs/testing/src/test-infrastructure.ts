import { existsSync } from 'node:fs';

export interface TestInfrastructure {
  kafkaBrokers: string;
  /** A PostgreSQL URL whose user may create databases; tests create their own database from it. */
  databaseUrl: string;
  redisUrl: string;
  /** Set when testcontainers started the stack (stopped in global teardown). */
  stop?: () => Promise<void>;
}

export const HOW_TO_START_THE_STACK = [
  'Integration tests need a real Kafka broker, PostgreSQL and Redis. Either:',
  '  npm test                          # starts the local broker and runs everything, or',
  '  npm run kafka:start && export KAFKA_BROKERS=127.0.0.1:9092 \\',
  '    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379',
  '  (PostgreSQL: pg_ctlcluster 15 main start; Redis: redis-server --daemonize yes), or run Docker so testcontainers can start them.',
].join('\n');

/**
 * Where the tests' Kafka, PostgreSQL and Redis are: the ones named by KAFKA_BROKERS, DATABASE_URL
 * and REDIS_URL when all are set (as in CI); otherwise containers when Docker is available;
 * otherwise an error that says how to start the local stack. Never a silent skip.
 */
export async function resolveTestInfrastructure(env: NodeJS.ProcessEnv = process.env): Promise<TestInfrastructure> {
  const { KAFKA_BROKERS, DATABASE_URL, REDIS_URL } = env;
  if (KAFKA_BROKERS && DATABASE_URL && REDIS_URL) return { kafkaBrokers: KAFKA_BROKERS, databaseUrl: DATABASE_URL, redisUrl: REDIS_URL };
  const partial = [KAFKA_BROKERS && 'KAFKA_BROKERS', DATABASE_URL && 'DATABASE_URL', REDIS_URL && 'REDIS_URL'].filter(Boolean);
  if (partial.length > 0) throw new Error(`Only ${partial.join(', ')} set: set all of KAFKA_BROKERS, DATABASE_URL and REDIS_URL.\n${HOW_TO_START_THE_STACK}`);
  if (dockerAvailable(env)) return startContainers();
  throw new Error(`No test infrastructure: KAFKA_BROKERS, DATABASE_URL and REDIS_URL are not set and no Docker engine was found.\n${HOW_TO_START_THE_STACK}`);
}

function dockerAvailable(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

/** testcontainers 11.14 (12.x fails to import on Node 20). Loaded lazily: most runs never need it. */
async function startContainers(): Promise<TestInfrastructure> {
  const [{ KafkaContainer }, { PostgreSqlContainer }, { RedisContainer }] = await Promise.all([
    import('@testcontainers/kafka'),
    import('@testcontainers/postgresql'),
    import('@testcontainers/redis'),
  ]);
  const [kafka, postgres, redis] = await Promise.all([
    new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start(),
    new PostgreSqlContainer('postgres:16-alpine').withUsername('postgres').withPassword('postgres').withDatabase('postgres').start(),
    new RedisContainer('redis:7-alpine').start(),
  ]);
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    databaseUrl: postgres.getConnectionUri(),
    redisUrl: redis.getConnectionUrl(),
    stop: async () => {
      await Promise.all([kafka.stop(), postgres.stop(), redis.stop()]);
    },
  };
}
