import { Client } from 'pg';
import type { Kafka } from '@hashdesk/messaging';

/** End offset (sum over partitions) of every topic of a namespace. */
export async function endOffsets(kafka: Kafka, prefix: string): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    const offsets = new Map<string, number>();
    for (const topic of topics) {
      const partitions = await admin.fetchTopicOffsets(topic);
      offsets.set(topic.slice(prefix.length), partitions.reduce((sum, p) => sum + Number(p.high), 0));
    }
    return offsets;
  } finally {
    await admin.disconnect();
  }
}

/** Topics whose end offset moved between two snapshots, with how many records were added. */
export function addedRecords(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const added: Record<string, number> = {};
  for (const [topic, end] of after) if (end !== (before.get(topic) ?? 0)) added[topic] = end - (before.get(topic) ?? 0);
  return added;
}

/**
 * The services' transactional outboxes (one `outbox_event` table per service schema). A row is written
 * in the same transaction as the change it reports, so after the last HTTP answer every event the
 * fuzz caused is already there: counting rows needs no waiting, unlike counting records on the broker.
 */
export class Outboxes {
  constructor(private readonly databaseUrl: string, private readonly schemas: readonly string[]) {}

  /** The schemas that have an outbox (a service that publishes nothing may have none). */
  static async of(databaseUrl: string, candidates: readonly string[]): Promise<Outboxes> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_event' AND table_schema = ANY($1)`, [candidates]);
      return new Outboxes(databaseUrl, rows.map((r: { table_schema: string }) => r.table_schema).sort());
    } finally {
      await client.end();
    }
  }

  get covered(): readonly string[] {
    return this.schemas;
  }

  private async query<T>(run: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  /** The highest outbox id of each schema (0 when empty). */
  marks(): Promise<Record<string, number>> {
    return this.query(async (client) => {
      const marks: Record<string, number> = {};
      for (const schema of this.schemas) marks[schema] = Number((await client.query(`SELECT coalesce(max(id), 0) AS id FROM "${schema}".outbox_event`)).rows[0].id);
      return marks;
    });
  }

  /** Rows written after `marks`, per schema and topic. */
  rowsSince(marks: Record<string, number>): Promise<Array<{ schema: string; topic: string; rows: number }>> {
    return this.query(async (client) => {
      const out: Array<{ schema: string; topic: string; rows: number }> = [];
      for (const schema of this.schemas) {
        const { rows } = await client.query(`SELECT topic, count(*)::int AS n FROM "${schema}".outbox_event WHERE id > $1 GROUP BY topic ORDER BY topic`, [marks[schema] ?? 0]);
        out.push(...rows.map((r: { topic: string; n: number }) => ({ schema, topic: r.topic, rows: r.n })));
      }
      return out;
    });
  }

  /** Rows not yet on the broker, over every schema. */
  pending(): Promise<number> {
    return this.query(async (client) => {
      let total = 0;
      for (const schema of this.schemas) total += Number((await client.query(`SELECT count(*) AS n FROM "${schema}".outbox_event WHERE published_at IS NULL`)).rows[0].n);
      return total;
    });
  }
}
