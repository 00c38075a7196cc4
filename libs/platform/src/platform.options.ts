import type { InfraEnv } from '@hashdesk/config';
import type { TopicSpec } from '@hashdesk/messaging';

export interface PlatformOptions {
  /** Also the consumer group, the PostgreSQL schema and the CloudEvents source. */
  serviceName: 'ingest' | 'valuation' | 'risk' | 'notification';
  infra: InfraEnv;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM types entity classes as Function
  migrations: Function[];
  /** Topics this service publishes or consumes; created at start-up if missing. */
  topics: TopicSpec[];
  consumer?: { maxAttempts?: number; initialBackoffMs?: number };
  /**
   * false: the service joins no consumer group (its handlers are called directly, as a replay does),
   * so it cannot take partitions from the running service. Default true.
   */
  consume?: boolean;
}
