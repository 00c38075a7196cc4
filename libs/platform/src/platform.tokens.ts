/** Injection tokens for what every service's platform module provides. */
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const REDIS = Symbol('REDIS');
export const KAFKA = Symbol('KAFKA');
export const PRODUCER = Symbol('PRODUCER');
export const TOPIC_NAMESPACE = Symbol('TOPIC_NAMESPACE');
export const OUTBOX_WRITER = Symbol('OUTBOX_WRITER');
export const OUTBOX_RELAY = Symbol('OUTBOX_RELAY');
export const EVENT_CONSUMER = Symbol('EVENT_CONSUMER');
export const LOGGER = Symbol('LOGGER');
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
export const API_KEY_FEED = Symbol('API_KEY_FEED');
