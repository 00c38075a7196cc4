import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PLATFORM_READ_TOPICS, TOPIC_CONSUMERS, Topics } from '@hashdesk/contracts';

const SERVICES = resolve(__dirname, '..', '..', 'services');
const SUBSCRIPTION = /\b(?:subscribe|subscribeBatch|acceptInBatches)\(Topics\.(\w+)/g;

/** Which registry keys each service subscribes to, read from its (non-test) sources. */
function subscriptionsIn(service: string): Set<string> {
  const keys = new Set<string>();
  const files = readdirSync(join(SERVICES, service, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !/[.-]spec\.ts$/.test(f));
  for (const file of files) for (const match of readFileSync(join(SERVICES, service, 'src', file), 'utf8').matchAll(SUBSCRIPTION)) keys.add(match[1]);
  return keys;
}

describe('TOPIC_CONSUMERS: who reads each topic, as the AsyncAPI document states it', () => {
  it('given the services\' sources, when their subscriptions are read, then each topic\'s consumer list is exactly the services that subscribe to it', () => {
    const services = ['ingest', 'valuation', 'risk', 'notification'] as const;
    const subscribed = Object.fromEntries(services.map((s) => [s, subscriptionsIn(s)]));
    for (const key of Object.keys(Topics) as Array<keyof typeof Topics>) {
      const expected = PLATFORM_READ_TOPICS.has(key) ? [...services] : services.filter((s) => subscribed[s].has(key));
      expect({ key, consumers: [...TOPIC_CONSUMERS[key]].sort() }).toEqual({ key, consumers: [...expected].sort() });
    }
    // The scan found something: an empty scan would make every list "match" an empty one.
    expect(subscribed.risk.has('companyValued')).toBe(true);
  });
});
