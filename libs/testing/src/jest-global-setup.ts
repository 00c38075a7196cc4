import { Client } from 'pg';
import Redis from 'ioredis';
import { connect } from 'node:net';
import { HOW_TO_START_THE_STACK, resolveTestInfrastructure } from './test-infrastructure';

/**
 * Jest globalSetup of the integration tier: resolves the stack once, checks that every part really
 * answers, and hands the addresses to the test workers through the environment.
 */
export default async function globalSetup(): Promise<void> {
  const infra = await resolveTestInfrastructure();
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.DATABASE_URL = infra.databaseUrl;
  process.env.REDIS_URL = infra.redisUrl;
  (globalThis as { __hashdeskStopStack?: () => Promise<void> }).__hashdeskStopStack = infra.stop;
  await Promise.all([checkPostgres(infra.databaseUrl), checkRedis(infra.redisUrl), checkKafka(infra.kafkaBrokers)]);
}

async function checkPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`PostgreSQL at ${url} does not answer: ${(error as Error).message}\n${HOW_TO_START_THE_STACK}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3_000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis at ${url} does not answer: ${(error as Error).message}\n${HOW_TO_START_THE_STACK}`);
  } finally {
    redis.disconnect();
  }
}

async function checkKafka(brokers: string): Promise<void> {
  const [host, port] = brokers.split(',')[0].split(':');
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port: Number(port), timeout: 3_000 }, () => (socket.end(), resolve()));
    socket.on('error', (error) => reject(new Error(`Kafka at ${brokers} does not answer: ${error.message}\n${HOW_TO_START_THE_STACK}`)));
    socket.on('timeout', () => (socket.destroy(), reject(new Error(`Kafka at ${brokers} timed out\n${HOW_TO_START_THE_STACK}`))));
  });
}
