import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';

export interface Telemetry {
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing before anything else loads: W3C trace context is extracted from
 * incoming HTTP requests, and libs/messaging carries it through Kafka headers (the kafkajs
 * auto-instrumentation is not used: the outbox relay publishes outside the request's context and
 * would overwrite the traceparent the outbox row keeps). Spans are exported over OTLP/HTTP only
 * when an endpoint is configured; without one they still carry trace ids into logs and headers.
 */
export function startTelemetry(serviceName: string, otlpEndpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT): Telemetry {
  // With no span processor at all NodeSDK registers no tracer provider, hence no context manager and
  // no W3C propagator: trace context would silently stop at the first hop. A no-op processor keeps them.
  const spanProcessors: SpanProcessor[] = otlpEndpoint
    ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` }))]
    : [new NoopSpanProcessor()];
  const sdk = new NodeSDK({
    serviceName,
    spanProcessors,
    instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/health') })],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
