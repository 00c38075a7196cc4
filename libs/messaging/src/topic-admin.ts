import type { Admin, ITopicMetadata, Kafka } from 'kafkajs';
import type { TopicEntry } from '@hashdesk/contracts';
import type { LoggerPort } from './logger.port';
import { classifyKafkaError, KafkaStartupError, retryKafkaStartup } from './retriable-startup';
import type { TopicNamespace } from './topic-namespace';

export interface TopicSpec {
  name: string;
  partitions: number;
  cleanupPolicy: 'delete' | 'compact';
}

export const specOf = (entry: TopicEntry): TopicSpec => ({
  name: entry.name,
  partitions: entry.partitions,
  cleanupPolicy: entry.cleanupPolicy,
});

export interface EnsureTopicsOptions {
  /** Bound on the whole step, retriable Kafka errors included (broker still starting…). Default 60 s. */
  timeoutMs?: number;
  /** Bound on the wait for a leader on every partition once the topics exist. Default 30 s. */
  leaderTimeoutMs?: number;
  logger?: LoggerPort;
  /** Appended to the error when the broker never answers: what to check. */
  hint?: string;
}

/** Short kafkajs retries inside one attempt: the outer start-up retry owns the waiting. */
const ADMIN_RETRY = { initialRetryTime: 100, maxRetryTime: 1_000, retries: 3 };

/**
 * The one place topics are created. Creates the topics that do not exist yet, with their partitions and
 * cleanup policy, then waits until the broker's metadata names a leader for every partition of every
 * topic asked for, whoever created it: four services start at once on a fresh broker and each creates
 * the topics it touches, so a topic may have been created a moment ago by another service, and
 * "exists" is not yet "usable" (a consumer subscribing then gets UNKNOWN_TOPIC_OR_PARTITION or
 * LEADER_NOT_AVAILABLE). Idempotent. Retriable Kafka errors are retried (retryKafkaStartup); a topic
 * still without leaders after `leaderTimeoutMs` fails naming it.
 */
export async function ensureTopics(kafka: Kafka, namespace: TopicNamespace, specs: TopicSpec[], options: EnsureTopicsOptions = {}): Promise<void> {
  if (specs.length === 0) return;
  const names = specs.map((s) => namespace.topic(s.name));
  await retryKafkaStartup(`create topics ${names.join(', ')}`, async () => {
    const admin = kafka.admin({ retry: ADMIN_RETRY });
    await admin.connect();
    try {
      await createMissingTopics(admin, namespace, specs);
      await waitForTopicLeaders(admin, names, { timeoutMs: options.leaderTimeoutMs, logger: options.logger });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }, { timeoutMs: options.timeoutMs, logger: options.logger, hint: options.hint });
}

async function createMissingTopics(admin: Admin, namespace: TopicNamespace, specs: TopicSpec[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(namespace.topic(s.name)));
  if (missing.length === 0) return;
  try {
    // Leaders are awaited below for every topic, not only those this call created: kafkajs skips its
    // own wait when any topic of the request already existed.
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((s) => ({
        topic: namespace.topic(s.name),
        numPartitions: s.partitions,
        replicationFactor: 1,
        configEntries: [{ name: 'cleanup.policy', value: s.cleanupPolicy }],
      })),
    });
  } catch (error) {
    // Another service may have created some of the same topics a moment earlier.
    if (!onlyAlreadyExists(error)) throw error;
  }
}

function onlyAlreadyExists(error: unknown): boolean {
  const e = error as { type?: string; errors?: Array<{ type?: string }> };
  if (e.type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => x.type === 'TOPIC_ALREADY_EXISTS');
}

/** Why a topic's metadata does not yet make it usable; undefined when every partition has a leader. */
export function leaderProblem(metadata: ITopicMetadata | undefined): string | undefined {
  if (!metadata) return 'not in the metadata';
  if (metadata.partitions.length === 0) return 'no partitions in the metadata';
  const leaderless = metadata.partitions.filter((p) => p.partitionErrorCode !== 0 || p.leader < 0).map((p) => p.partitionId).sort((a, b) => a - b);
  return leaderless.length > 0 ? `no leader for partition${leaderless.length > 1 ? 's' : ''} ${leaderless.join(', ')}` : undefined;
}

export interface WaitForLeadersOptions {
  timeoutMs?: number;
  logger?: LoggerPort;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * Polls each topic's metadata (one request per topic still pending, so that an error names its topic)
 * until every partition has a leader. Retriable errors (UNKNOWN_TOPIC_OR_PARTITION: the broker has not
 * applied the creation yet; LEADER_NOT_AVAILABLE: election in progress) keep it waiting; any other error
 * is thrown as is. Fails after `timeoutMs` (default 30 s) naming each topic that never got there and why.
 */
export async function waitForTopicLeaders(admin: Pick<Admin, 'fetchTopicMetadata'>, topics: string[], options: WaitForLeadersOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + timeoutMs;
  const pending = new Map<string, string>(topics.map((t) => [t, 'not checked yet']));
  for (let delay = 50, round = 1; ; delay = Math.min(delay * 2, 500), round++) {
    for (const topic of [...pending.keys()]) {
      try {
        const { topics: answered } = await admin.fetchTopicMetadata({ topics: [topic] });
        const problem = leaderProblem(answered.find((m) => m.name === topic));
        if (problem) pending.set(topic, problem);
        else pending.delete(topic);
      } catch (error) {
        const failure = classifyKafkaError(error);
        if (!failure.retriable) throw error;
        pending.set(topic, `${failure.kind}: ${failure.message}`);
      }
    }
    if (pending.size === 0) return;
    if (now() >= deadline) {
      const which = [...pending].map(([topic, why]) => `${topic} (${why})`).join('; ');
      throw new KafkaStartupError(
        `topic${pending.size > 1 ? 's' : ''} without a leader for every partition after ${Math.round(timeoutMs / 1000)} s: ${which}`,
        { retriable: false, kind: 'TOPIC_LEADERS_TIMEOUT', message: which }, round);
    }
    if (round === 5) options.logger?.info({ pending: Object.fromEntries(pending) }, 'waiting for topic leaders');
    await sleep(delay);
  }
}
