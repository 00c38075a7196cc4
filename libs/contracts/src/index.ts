// Typed contracts: messages generated from proto/ (do not edit src/gen by hand: npm run proto:gen),
// the topic registry and the header names every message carries.
export * from './gen/hashdesk/v1/lineage_pb';
export * from './gen/hashdesk/v1/market_pb';
export * from './gen/hashdesk/v1/power_pb';
export * from './gen/hashdesk/v1/network_pb';
export * from './gen/hashdesk/v1/valuation_pb';
export * from './gen/hashdesk/v1/risk_pb';
export * from './gen/hashdesk/v1/quarantine_pb';
export * from './gen/hashdesk/v1/notification_pb';
export * from './gen/hashdesk/v1/company_pb';
export * from './gen/hashdesk/v1/policy_pb';
export * from './gen/hashdesk/v1/identity_pb';
export * from './topics/topic-entry';
export * from './topics/topic-registry';
export * from './topics/topic-consumers';
export * from './headers';
// hashed and compared payload JSON (profiles, valuation results): one byte form per content
export * from './canonical-json';
// the AsyncAPI document of every topic, derived from the registry and the protobuf descriptors
export * from './asyncapi/asyncapi-document';
