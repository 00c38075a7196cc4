import type { Topics } from './topic-registry';

/** A service that reads topics as its own consumer group (the group is named after the service). */
export type ConsumingService = 'ingest' | 'valuation' | 'risk' | 'notification';

/**
 * Who reads each topic, for the AsyncAPI document. Typed over every registry key, so a new topic
 * does not compile until its readers are stated; tools/scripts/topic-consumers.spec.ts checks the
 * lists against the services' subscriptions.
 */
export const TOPIC_CONSUMERS: { readonly [K in keyof typeof Topics]: readonly ConsumingService[] } = {
  priceObserved: ['valuation'],
  equityObserved: ['valuation', 'risk'],
  powerObserved: ['valuation'],
  networkObserved: ['valuation'],
  observationQuarantined: [],
  hashpriceComputed: ['risk', 'notification'],
  hashpriceLatest: [],
  machinesComputed: [],
  policyEventRecorded: ['risk'],
  companyProfileRecorded: ['valuation', 'risk'],
  companyValued: ['risk'],
  companyMarginProjected: [],
  alertRaised: ['notification'],
  scenariosEvaluated: [],
  // Every service's API-key guard reads it whole at start-up, with a throw-away group per process.
  apiKeyChanged: ['ingest', 'valuation', 'risk', 'notification'],
};

/** Topics every service reads through the shared platform library rather than its own subscriptions. */
export const PLATFORM_READ_TOPICS: ReadonlySet<keyof typeof Topics> = new Set(['apiKeyChanged']);
