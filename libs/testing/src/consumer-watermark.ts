import type { Kafka } from 'kafkajs';

/**
 * The watermark for "the consumer has nothing left to read": waits until `groupId` has committed the end offset of
 * every partition of `topic` as it is at the call. Anything the group would still do with what was sent before the
 * call has been done by then; no sleep stands in for it.
 */
export async function committedToEnd(kafka: Kafka, groupId: string, topic: string, timeoutMs = 30_000): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const behind = ends.filter((end) => {
        const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        return BigInt(end.high) > (at === '-1' ? 0n : BigInt(at));
      });
      if (behind.length === 0) return;
      if (Date.now() > deadline) throw new Error(`${groupId} did not commit the end of ${topic} within ${timeoutMs} ms (behind on partitions ${behind.map((b) => b.partition).join(', ')})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.disconnect();
  }
}
