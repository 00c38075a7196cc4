import type { LoggerPort } from './logger.port';

/**
 * Start-up against a broker that is still settling (a topic created a moment ago by another service,
 * a leader not yet elected, the broker itself still starting) meets errors Kafka calls retriable:
 * those are retried with a bounded backoff. Anything else fails at once with a message that says what
 * was being done and why it cannot work.
 */

/** kafkajs errors below the protocol level that only say "not reachable yet". */
const TRANSIENT_TRANSPORT_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSLockTimeout',
]);

interface ErrorLike {
  name?: string;
  message?: string;
  type?: string;
  code?: number;
  retriable?: boolean;
  cause?: unknown;
  errors?: unknown[];
}

export interface KafkaFailure {
  retriable: boolean;
  /** The Kafka error type (UNKNOWN_TOPIC_OR_PARTITION …) or the kafkajs error name. */
  kind: string;
  message: string;
}

/**
 * What a kafkajs error comes down to. kafkajs wraps the broker's answer (KafkaJSProtocolError with its
 * `type` and `retriable`) in KafkaJSNumberOfRetriesExceeded or KafkaJSNonRetriableError once its own
 * retries are spent, and a CreateTopics answer in a KafkaJSAggregateError: the cause chain is followed
 * down to the protocol or transport error, and that decides. An aggregate is retriable only when every
 * error in it is. An error that is neither (a TypeError, a config mistake, our own timeout) is not.
 */
export function classifyKafkaError(error: unknown): KafkaFailure {
  const seen = new Set<unknown>();
  let node: unknown = error;
  while (node && typeof node === 'object' && !seen.has(node)) {
    seen.add(node);
    const e = node as ErrorLike;
    if (Array.isArray(e.errors) && e.errors.length > 0) {
      const parts = e.errors.map(classifyKafkaError);
      return { retriable: parts.every((p) => p.retriable), kind: [...new Set(parts.map((p) => p.kind))].join(','), message: e.message ?? parts[0].message };
    }
    if (typeof e.type === 'string' && typeof e.code === 'number') {
      return { retriable: e.retriable === true, kind: e.type, message: e.message ?? e.type };
    }
    if (e.name && TRANSIENT_TRANSPORT_ERRORS.has(e.name)) {
      return { retriable: true, kind: e.name, message: e.message ?? e.name };
    }
    if (e.cause === undefined || e.cause === node) break;
    node = e.cause;
  }
  const top = (error ?? {}) as ErrorLike;
  return { retriable: false, kind: top.name ?? typeof error, message: top.message ?? String(error) };
}

export const isRetriableKafkaError = (error: unknown): boolean => classifyKafkaError(error).retriable;

export interface StartupRetryOptions {
  /** Gives up after this long (the last retriable error is named). Default 60 s. */
  timeoutMs?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  logger?: LoggerPort;
  /** Appended to the error when it gives up: what to check. */
  hint?: string;
  /** For tests. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const STARTUP_RETRY_DEFAULTS = { timeoutMs: 60_000, initialBackoffMs: 200, maxBackoffMs: 2_000 } as const;

/** Thrown when a start-up step meets a non-retriable Kafka error, or retriable ones for too long. */
export class KafkaStartupError extends Error {
  constructor(message: string, readonly failure: KafkaFailure, readonly attempts: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KafkaStartupError';
  }
}

/**
 * Runs `step` (`what` names it in logs and errors: "subscribe consumer group valuation to …") until it
 * succeeds. A retriable Kafka error (see classifyKafkaError) is retried after 200 ms, 400 ms, … up to
 * 2 s apart for at most `timeoutMs`; a non-retriable one fails at once. Both failures say what, how
 * many attempts, and the Kafka error.
 */
export async function retryKafkaStartup<T>(what: string, step: () => Promise<T>, options: StartupRetryOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? STARTUP_RETRY_DEFAULTS.timeoutMs;
  const maxBackoffMs = options.maxBackoffMs ?? STARTUP_RETRY_DEFAULTS.maxBackoffMs;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + timeoutMs;
  let backoffMs = options.initialBackoffMs ?? STARTUP_RETRY_DEFAULTS.initialBackoffMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (error instanceof KafkaStartupError) throw error; // a nested step already gave up and said why
      const failure = classifyKafkaError(error);
      if (!failure.retriable) {
        throw new KafkaStartupError(`${what} failed with a non-retriable Kafka error (${failure.kind}: ${failure.message})`, failure, attempt, { cause: error });
      }
      const remaining = deadline - now();
      if (remaining <= 0) {
        const hint = options.hint ? ` ${options.hint}` : '';
        throw new KafkaStartupError(
          `${what} still failing after ${attempt} attempts over ${Math.round(timeoutMs / 1000)} s with a retriable Kafka error (${failure.kind}: ${failure.message}).${hint}`,
          failure, attempt, { cause: error });
      }
      const delay = Math.min(backoffMs, remaining);
      options.logger?.warn({ attempt, backoffMs: delay, kafkaError: failure.kind, err: failure.message }, `${what}: retriable Kafka error, retrying`);
      await sleep(delay);
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    }
  }
}
