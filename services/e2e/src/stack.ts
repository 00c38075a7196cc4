import type { DescMessage } from '@bufbuild/protobuf';
import { TOPIC_CONSUMERS, Topics, type TopicEntry } from '@hashdesk/contracts';
import { createIdempotentProducer, createKafka, silentLogger, TopicNamespace, TopicProbe, type Kafka } from '@hashdesk/messaging';
import { createTestDatabase, freePort, requiredEnv, ServiceProcess, TEST_NOTIFICATION_SECRET_KEYS, uniqueNamespace, WebhookReceiver, type ServiceName, type TestDatabase, TEST_ADMIN_HEADERS } from '@hashdesk/testing';

export const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The four services as processes against the real broker, a fresh database and a private topic namespace. */
export class Stack {
  readonly services = new Map<ServiceName, ServiceProcess>();
  private readonly probes: Array<TopicProbe<DescMessage>> = [];
  database!: TestDatabase;
  receiver!: WebhookReceiver;
  namespace!: TopicNamespace;
  kafka!: Kafka;

  constructor(private readonly label: string, private readonly extraEnv: Record<string, string> = {}) {}

  async prepare(): Promise<this> {
    this.database = await createTestDatabase();
    this.receiver = await new WebhookReceiver().start();
    this.namespace = new TopicNamespace(uniqueNamespace(this.label));
    this.kafka = createKafka({ brokers: requiredEnv('KAFKA_BROKERS').split(','), clientId: `e2e-${this.label}`, logger: silentLogger });
    return this;
  }

  env(): Record<string, string> {
    return {
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      REDIS_URL: requiredEnv('REDIS_URL'),
      DATABASE_URL: this.database.url,
      KAFKA_TOPIC_PREFIX: this.namespace.prefix,
      LOG_LEVEL: 'info',
      OUTBOX_POLL_INTERVAL_MS: '100',
      NOTIFICATION_WEBHOOK_URL: this.receiver.url(),
      NOTIFICATION_WEBHOOK_SECRET: WEBHOOK_SECRET,
      NOTIFICATION_SECRET_KEYS: TEST_NOTIFICATION_SECRET_KEYS,
      ...this.extraEnv,
    };
  }

  async start(...names: ServiceName[]): Promise<void> {
    // One at a time: four swc-compiled Nest apps starting at once on two cores is slower than in turn.
    for (const name of names) {
      const existing = this.services.get(name);
      const port = existing?.port ?? (await freePort());
      const service = new ServiceProcess(name, port, this.env());
      this.services.set(name, service); // registered before it is ready, so stopAll reaches it if start fails
      await service.start();
    }
  }

  service(name: ServiceName): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} was not started`);
    return service;
  }

  async post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.service('ingest').url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...TEST_ADMIN_HEADERS, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Reads a topic of this stack's namespace from the beginning; stopped by stopAll. */
  async probe<Desc extends DescMessage>(entry: TopicEntry<Desc>): Promise<TopicProbe<Desc>> {
    const probe = new TopicProbe(this.kafka, this.namespace, entry);
    this.probes.push(probe as unknown as TopicProbe<DescMessage>);
    return probe.start();
  }

  /** Puts records on a topic of this stack's namespace as they are (a redelivery, or what a producer would send). */
  async send<Desc extends DescMessage>(entry: TopicEntry<Desc>, records: Array<{ key: string; value: Buffer | null; headers: Record<string, string> }>): Promise<void> {
    const producer = createIdempotentProducer(this.kafka);
    await producer.connect();
    try {
      await producer.send({ topic: this.namespace.topic(entry.name), acks: -1, messages: records });
    } finally {
      await producer.disconnect();
    }
  }

  /**
   * The watermark for "nothing else happens": waits until, twice in a row, every started service's consumer
   * group has committed the end offset of every topic it reads, no service has an unpublished outbox row,
   * and notification has nothing left to route or to attempt now. Then every open probe reads its topic to
   * the end. After it, an event that has not arrived will not arrive from what was sent before the call.
   */
  async settled(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietReadings = 0;
    let last = '';
    while (quietReadings < 2) {
      if (Date.now() > deadline) throw new Error(`the stack did not settle within ${timeoutMs} ms: ${last}`);
      last = await this.unsettled();
      quietReadings = last === '' ? quietReadings + 1 : 0;
      if (quietReadings < 2) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await Promise.all(this.probes.map((p) => p.readToEnd(Math.max(1_000, deadline - Date.now()))));
  }

  /** What is still in flight ('' when nothing is). */
  private async unsettled(): Promise<string> {
    const started = [...this.services.keys()];
    const pending: string[] = [];
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      for (const service of started) {
        const topics = (Object.keys(TOPIC_CONSUMERS) as Array<keyof typeof Topics>)
          .filter((key) => key !== 'apiKeyChanged' && TOPIC_CONSUMERS[key].includes(service as never))
          .map((key) => this.namespace.topic(Topics[key].name))
          .filter((topic) => existing.has(topic));
        if (topics.length === 0) continue;
        const committed = await admin.fetchOffsets({ groupId: this.namespace.group(service), topics });
        for (const { topic, partitions } of committed) {
          const ends = await admin.fetchTopicOffsets(topic);
          for (const end of ends) {
            const at = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
            const lag = BigInt(end.high) - (at === '-1' ? 0n : BigInt(at));
            if (lag > 0n) pending.push(`${service} lags ${lag} on ${this.namespace.logical(topic)}[${end.partition}]`);
          }
        }
      }
    } finally {
      await admin.disconnect();
    }
    for (const service of started) {
      const [{ n }] = await this.database.query<{ n: string }>(`SELECT count(*) AS n FROM ${service}.outbox_event WHERE published_at IS NULL`);
      if (Number(n) > 0) pending.push(`${service} outbox ${n}`);
    }
    if (started.includes('notification')) {
      const [{ inbound, due }] = await this.database.query<{ inbound: string; due: string }>(
        `SELECT (SELECT count(*) FROM notification.inbound_event) AS inbound,
                (SELECT count(*) FROM notification.delivery d JOIN notification.subscription s ON s.id = d.subscription_id
                  WHERE d.status = 'pending' AND d.next_attempt_at <= now() + interval '5 seconds' AND s.disabled_at IS NULL) AS due`,
      );
      if (Number(inbound) > 0) pending.push(`notification routing ${inbound}`);
      if (Number(due) > 0) pending.push(`notification deliveries due ${due}`);
    }
    return pending.join(', ');
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.probes.map((p) => p.stop().catch(() => undefined)));
    await Promise.all([...this.services.values()].map((s) => s.stop().catch(() => s.kill())));
    await this.receiver?.stop();
    await this.database?.drop().catch(() => undefined);
  }
}
