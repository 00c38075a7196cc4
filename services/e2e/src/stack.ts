import type { DescMessage } from '@bufbuild/protobuf';
import type { TopicEntry } from '@hashdesk/contracts';
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

  async stopAll(): Promise<void> {
    await Promise.all(this.probes.map((p) => p.stop().catch(() => undefined)));
    await Promise.all([...this.services.values()].map((s) => s.stop().catch(() => s.kill())));
    await this.receiver?.stop();
    await this.database?.drop().catch(() => undefined);
  }
}
