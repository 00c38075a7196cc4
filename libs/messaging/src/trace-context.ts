import { randomBytes } from 'node:crypto';
import { context, propagation, trace, type Context, type Span } from '@opentelemetry/api';

export type TraceCarrier = Record<string, string>;

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/** The active W3C trace context as headers (traceparent, tracestate). */
export function currentTraceHeaders(ctx: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/**
 * The traceparent to stamp on events caused by an HTTP request: the active span's when tracing is
 * on, else the caller's own header, else a new trace. Every event carries one.
 */
export function traceparentFor(incomingHeader: string | undefined): string {
  const active = currentTraceHeaders().traceparent;
  if (active) return active;
  if (incomingHeader && TRACEPARENT.test(incomingHeader)) return incomingHeader;
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

export function contextFromHeaders(headers: TraceCarrier): Context {
  return propagation.extract(context.active(), headers);
}

const tracer = () => trace.getTracer('@hashdesk/messaging');

/** Runs `fn` in a span that continues the trace the headers carry. */
export async function withSpanFromHeaders<T>(name: string, headers: TraceCarrier, attributes: Record<string, string | number>, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, contextFromHeaders(headers), async (span) => {
    try {
      return await fn(span);
    } finally {
      span.end();
    }
  });
}

/** The trace id in a traceparent header ("00-<trace-id>-<span-id>-<flags>"), or undefined. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return TRACEPARENT.exec(traceparent ?? '')?.[1];
}
