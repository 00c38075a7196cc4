import { HTTP, type CloudEvent } from 'cloudevents';
import type { IncomingHttpHeaders } from 'node:http';

const REQUIRED = ['specversion', 'id', 'source', 'type'] as const;

/**
 * Reads an HTTP request as a structured-mode CloudEvents 1.0 event the way a receiver would (the
 * cloudevents SDK), and throws naming what is wrong. The raw JSON is checked first: the SDK fills
 * in a missing specversion itself, so it alone would not catch one.
 */
export function parseCloudEvent(request: { headers: IncomingHttpHeaders; body: string }): CloudEvent<unknown> {
  const raw = JSON.parse(request.body) as Record<string, unknown>;
  const missing = REQUIRED.filter((name) => typeof raw[name] !== 'string' || raw[name] === '');
  if (missing.length > 0) throw new Error(`not a CloudEvent: missing ${missing.join(', ')}`);
  if (raw.specversion !== '1.0') throw new Error(`not a CloudEvents 1.0 event: specversion ${JSON.stringify(raw.specversion)}`);
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
  const event = HTTP.toEvent<unknown>({ headers, body: request.body }) as CloudEvent<unknown>;
  event.validate(); // throws on a bad attribute name, time or source
  return event;
}
