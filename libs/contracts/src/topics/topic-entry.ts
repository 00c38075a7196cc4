import type { DescMessage, MessageShape } from '@bufbuild/protobuf';

export type CleanupPolicy = 'delete' | 'compact';

/**
 * One Kafka topic: its name (`<context>.<entity>.<event>.v<N>`), the protobuf message it carries,
 * how the partition key is derived (the entity whose events must stay ordered), its partitions and
 * cleanup policy (compacted for latest-state topics).
 */
export interface TopicEntry<Desc extends DescMessage = DescMessage> {
  readonly name: string;
  readonly schema: Desc;
  /** Human description of the key, for the README and the registry listing. */
  readonly keyDescription: string;
  readonly key: (message: MessageShape<Desc>) => string;
  readonly partitions: number;
  readonly cleanupPolicy: CleanupPolicy;
  /** The service that publishes it (`operator`: the operator's own commands, such as `npm run keys`). */
  readonly producer: 'ingest' | 'valuation' | 'risk' | 'notification' | 'operator';
}

export function defineTopic<Desc extends DescMessage>(entry: TopicEntry<Desc>): TopicEntry<Desc> {
  if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[0-9]+$/.test(entry.name)) {
    throw new Error(`topic name "${entry.name}" must be <context>.<entity>.<event>.v<N>`);
  }
  return entry;
}

/** The CloudEvents type of a message: its fully qualified protobuf name. */
export function eventTypeOf(entry: TopicEntry): string {
  return entry.schema.typeName;
}
