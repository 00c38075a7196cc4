import { BtcPriceObservedSchema, EquityQuoteObservedSchema } from '../gen/hashdesk/v1/market_pb';
import { PowerPriceObservedSchema } from '../gen/hashdesk/v1/power_pb';
import { NetworkSnapshotObservedSchema } from '../gen/hashdesk/v1/network_pb';
import { CompanyMarginProjectedSchema, CompanyValuedSchema, HashpriceComputedSchema, MachineTableComputedSchema } from '../gen/hashdesk/v1/valuation_pb';
import { AlertRaisedSchema, ScenariosEvaluatedSchema } from '../gen/hashdesk/v1/risk_pb';
import { ObservationQuarantinedSchema } from '../gen/hashdesk/v1/quarantine_pb';
import { CompanyProfileRecordedSchema } from '../gen/hashdesk/v1/company_pb';
import { PolicyEventRecordedSchema } from '../gen/hashdesk/v1/policy_pb';
import { ApiKeyChangedSchema } from '../gen/hashdesk/v1/identity_pb';
import { defineTopic, type TopicEntry } from './topic-entry';

/** Network-wide events share one key so that they stay in order. */
export const NETWORK_KEY = 'BTC';

export const Topics = {
  priceObserved: defineTopic({
    name: 'ingest.price.observed.v1',
    schema: BtcPriceObservedSchema,
    keyDescription: 'quote pair, e.g. BTC-USD',
    key: (m) => m.pair,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'ingest',
  }),
  equityObserved: defineTopic({
    name: 'ingest.equity.observed.v1',
    schema: EquityQuoteObservedSchema,
    keyDescription: 'ticker, e.g. MARA',
    key: (m) => m.ticker,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'ingest',
  }),
  powerObserved: defineTopic({
    name: 'ingest.power.observed.v1',
    schema: PowerPriceObservedSchema,
    keyDescription: 'region, e.g. EIA:TX:IND or ERCOT:DAM:HB_WEST',
    key: (m) => m.region,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'ingest',
  }),
  networkObserved: defineTopic({
    name: 'ingest.network.observed.v1',
    schema: NetworkSnapshotObservedSchema,
    keyDescription: `"${NETWORK_KEY}" (one ordered stream)`,
    key: () => NETWORK_KEY,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'ingest',
  }),
  observationQuarantined: defineTopic({
    name: 'ingest.observation.quarantined.v1',
    schema: ObservationQuarantinedSchema,
    keyDescription: 'observation kind, e.g. btc-price',
    key: (m) => m.kind,
    partitions: 1,
    cleanupPolicy: 'delete',
    producer: 'ingest',
  }),
  hashpriceComputed: defineTopic({
    name: 'valuation.hashprice.computed.v1',
    schema: HashpriceComputedSchema,
    keyDescription: `"${NETWORK_KEY}"`,
    key: () => NETWORK_KEY,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'valuation',
  }),
  hashpriceLatest: defineTopic({
    name: 'valuation.hashprice.latest.v1',
    schema: HashpriceComputedSchema,
    keyDescription: `"${NETWORK_KEY}": compacted, the newest hashprice by event time`,
    key: () => NETWORK_KEY,
    partitions: 1,
    cleanupPolicy: 'compact',
    producer: 'valuation',
  }),
  machinesComputed: defineTopic({
    name: 'valuation.machines.computed.v1',
    schema: MachineTableComputedSchema,
    keyDescription: '"catalog": compacted, the ASIC break-even table at the newest hashprice',
    key: () => 'catalog',
    partitions: 1,
    cleanupPolicy: 'compact',
    producer: 'valuation',
  }),
  policyEventRecorded: defineTopic({
    name: 'ingest.policy-event.recorded.v1',
    schema: PolicyEventRecordedSchema,
    // One jurisdiction's decisions stay in order; a company's events can span jurisdictions, so the ticker would not order them.
    keyDescription: 'jurisdiction, e.g. US-NY',
    key: (m) => m.jurisdiction,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'ingest',
  }),
  companyProfileRecorded: defineTopic({
    name: 'ingest.company-profile.recorded.v1',
    schema: CompanyProfileRecordedSchema,
    keyDescription: 'company ticker, e.g. RIOT',
    key: (m) => m.ticker,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'ingest',
  }),
  companyValued: defineTopic({
    name: 'valuation.company.valued.v1',
    schema: CompanyValuedSchema,
    keyDescription: 'company ticker, e.g. RIOT',
    key: (m) => m.ticker,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'valuation',
  }),
  companyMarginProjected: defineTopic({
    name: 'valuation.company.margin-projected.v1',
    schema: CompanyMarginProjectedSchema,
    keyDescription: 'company ticker, e.g. RIOT',
    key: (m) => m.ticker,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'valuation',
  }),
  alertRaised: defineTopic({
    name: 'risk.alert.raised.v1',
    schema: AlertRaisedSchema,
    keyDescription: 'subject: "network" or a company ticker',
    key: (m) => m.subject,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'risk',
  }),
  scenariosEvaluated: defineTopic({
    name: 'risk.scenarios.evaluated.v1',
    schema: ScenariosEvaluatedSchema,
    keyDescription: 'company ticker, e.g. RIOT',
    key: (m) => m.ticker,
    partitions: 3,
    cleanupPolicy: 'delete',
    producer: 'risk',
  }),
  apiKeyChanged: defineTopic({
    name: 'identity.api-key.changed.v1',
    schema: ApiKeyChangedSchema,
    keyDescription: 'key id: compacted, the newest state of each API key (its hash, never the key)',
    key: (m) => m.keyId,
    partitions: 1,
    cleanupPolicy: 'compact',
    producer: 'operator',
  }),
} as const;

export const ALL_TOPICS: readonly TopicEntry[] = Object.values(Topics) as TopicEntry[];

/** Each consumer group's dead-letter topic: `<group>.dlt`. Keeps key and headers, adds the error. */
export const deadLetterTopicName = (consumerGroup: string): string => `${consumerGroup}.dlt`;

export function topicByName(name: string): TopicEntry | undefined {
  return ALL_TOPICS.find((t) => t.name === name);
}
