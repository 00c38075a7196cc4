import type { JsonValue } from '@bufbuild/protobuf';

/** The CloudEvents `source` of everything notification delivers. */
export const NOTIFICATION_SOURCE = 'hashdesk/notification';

/** The HTTP Content-Type of a structured-mode CloudEvent (CloudEvents HTTP binding, JSON event format). */
export const CLOUDEVENTS_JSON_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

export interface CloudEventFields {
  id: string;
  type: string;
  subject: string;
  time: Date;
  data: JsonValue;
  /** The event's W3C trace context (the CloudEvents distributed-tracing extension). */
  traceparent?: string;
}

/**
 * A CloudEvents 1.0 event in the JSON format (structured mode): every delivered body, and each event
 * a digest carries. The Standard Webhooks signature covers these exact bytes, so nothing may rewrite
 * them after this.
 */
export function cloudEventJson(event: CloudEventFields): string {
  return JSON.stringify({
    specversion: '1.0',
    id: event.id,
    source: NOTIFICATION_SOURCE,
    type: event.type,
    subject: event.subject,
    time: event.time.toISOString(),
    datacontenttype: 'application/json',
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    data: event.data,
  });
}
