import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { Kafka } from 'kafkajs';
import { ApiKeyChangedSchema, eventTypeOf, Topics, type ApiKeyChanged } from '@hashdesk/contracts';
import { createIdempotentProducer, encodeMessage, ensureTopics, metaToHeaders, newEventId, specOf, type TopicNamespace } from '@hashdesk/messaging';
import { hashApiKey, newApiKey, type ApiScope } from './api-key';
import { ApiKeyFeed } from './api-key-feed';

/** What an operator sees of a key: never the key, never its hash. */
export interface ApiKeyListing {
  keyId: string;
  owner: string;
  scopes: string[];
  issuedAt: string | null;
  revokedAt: string | null;
}

const quiet = { info: () => undefined, warn: () => undefined };

async function publish(kafka: Kafka, namespace: TopicNamespace, change: ApiKeyChanged): Promise<void> {
  await ensureTopics(kafka, namespace, [specOf(Topics.apiKeyChanged)]);
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  try {
    const headers = metaToHeaders({ id: newEventId(), type: eventTypeOf(Topics.apiKeyChanged), source: 'hashdesk/operator', time: new Date(), subject: change.keyId });
    await producer.send({ topic: namespace.topic(Topics.apiKeyChanged.name), acks: -1, messages: [{ key: change.keyId, value: encodeMessage(Topics.apiKeyChanged, change), headers }] });
  } finally {
    await producer.disconnect();
  }
}

/** Issues a key: publishes its hash, scopes and owner, and returns the key, which exists nowhere else. */
export async function issueApiKey(kafka: Kafka, namespace: TopicNamespace, owner: string, scopes: ApiScope[]): Promise<{ key: string; keyId: string }> {
  const { key, keyId } = newApiKey();
  await publish(kafka, namespace, create(ApiKeyChangedSchema, { keyId, secretSha256: hashApiKey(key), scopes, owner, issuedAt: timestampFromDate(new Date()) }));
  return { key, keyId };
}

/** Every key's newest state, as the services see it. */
export async function listApiKeys(kafka: Kafka, namespace: TopicNamespace): Promise<ApiKeyListing[]> {
  await ensureTopics(kafka, namespace, [specOf(Topics.apiKeyChanged)]);
  const byId = new Map<string, ApiKeyChanged>();
  const feed = new ApiKeyFeed(kafka, namespace, { apply: (change) => byId.set(change.keyId, change) }, quiet);
  try {
    await feed.start('operator');
  } finally {
    await feed.stop();
  }
  const iso = (t: ApiKeyChanged['issuedAt']) => (t ? new Date(Number(t.seconds) * 1000 + Math.floor(t.nanos / 1e6)).toISOString() : null);
  return [...byId.values()].map((c) => ({ keyId: c.keyId, owner: c.owner, scopes: [...c.scopes], issuedAt: iso(c.issuedAt), revokedAt: iso(c.revokedAt) }));
}

/** Revokes a key by id; false when no such key was ever issued. */
export async function revokeApiKey(kafka: Kafka, namespace: TopicNamespace, keyId: string): Promise<boolean> {
  const current = (await listApiKeys(kafka, namespace)).find((k) => k.keyId === keyId);
  if (!current) return false;
  await publish(kafka, namespace, create(ApiKeyChangedSchema, {
    keyId, owner: current.owner, scopes: current.scopes, issuedAt: current.issuedAt ? timestampFromDate(new Date(current.issuedAt)) : undefined, revokedAt: timestampFromDate(new Date()),
  }));
  return true;
}
