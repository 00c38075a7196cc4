import { monitorEventLoopDelay } from 'node:perf_hooks';
import { metrics, type BatchObservableCallback } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

export interface Telemetry {
  shutdown(): Promise<void>;
}

/**
 * The instrumentations a service loads: HTTP (server and node:http client, W3C context in and out)
 * always; PostgreSQL (pg), Redis (ioredis) and fetch (undici) when spans are exported (`exporting`),
 * since without an exporter their spans would cost time and reach no one. The client ones only record
 * inside a trace (requireParentSpan): the outbox relay's and the delivery worker's polling would
 * otherwise start a trace of its own every few milliseconds.
 *
 * Kafka is traced by libs/messaging itself, following the messaging semantic conventions (`create`,
 * `send` and `process` spans): the kafkajs auto-instrumentation would see only the outbox relay's
 * publish, outside the context that created the event, and overwrite the traceparent the row keeps.
 */
export function instrumentations(exporting: boolean) {
  const http = new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/health') });
  if (!exporting) return [http];
  return [
    http,
    new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    new IORedisInstrumentation({ requireParentSpan: true }),
    new UndiciInstrumentation({ requireParentforSpans: true }),
  ];
}

/**
 * Starts OpenTelemetry before anything else loads (each service's instrument.ts). Spans are exported
 * over OTLP/HTTP (JSON, to `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`, every OTEL_BSP_SCHEDULE_DELAY
 * ms, default 1 s) only when an endpoint is configured; without one they still carry trace ids into
 * logs and headers. With an endpoint, metrics go to `<endpoint>/v1/metrics` every
 * OTEL_METRIC_EXPORT_INTERVAL ms (default 60 s): HTTP server and client durations (the HTTP
 * instrumentation's) and the event-loop delay.
 */
export function startTelemetry(serviceName: string, otlpEndpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT): Telemetry {
  // With no span processor at all NodeSDK registers no tracer provider, hence no context manager and
  // no W3C propagator: trace context would silently stop at the first hop. A no-op processor keeps them.
  const spanProcessors: SpanProcessor[] = otlpEndpoint
    ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` }), { scheduledDelayMillis: Number(process.env.OTEL_BSP_SCHEDULE_DELAY ?? 1_000) })]
    : [new NoopSpanProcessor()];
  const metricReaders: IMetricReader[] = otlpEndpoint
    ? [new PeriodicExportingMetricReader({
      exporter: new OTLPMetricExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/metrics` }),
      exportIntervalMillis: Number(process.env.OTEL_METRIC_EXPORT_INTERVAL ?? 60_000),
    })]
    : [];
  const sdk = new NodeSDK({ serviceName, spanProcessors, metricReaders, instrumentations: instrumentations(!!otlpEndpoint) });
  sdk.start();
  const stopEventLoopDelay = otlpEndpoint ? observeEventLoopDelay() : () => undefined;
  return {
    shutdown: async () => {
      stopEventLoopDelay();
      await sdk.shutdown();
    },
  };
}

/**
 * `nodejs.eventloop.delay.{p50,p99,max}` (seconds, the runtime semantic conventions' names): the
 * event-loop delay since the previous collection, from perf_hooks' histogram, reset at each reading.
 */
function observeEventLoopDelay(): () => void {
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  const meter = metrics.getMeter('@hashdesk/observability');
  const gauges = {
    p50: meter.createObservableGauge('nodejs.eventloop.delay.p50', { unit: 's', description: 'Event-loop delay, 50th percentile since the last reading' }),
    p99: meter.createObservableGauge('nodejs.eventloop.delay.p99', { unit: 's', description: 'Event-loop delay, 99th percentile since the last reading' }),
    max: meter.createObservableGauge('nodejs.eventloop.delay.max', { unit: 's', description: 'Event-loop delay, maximum since the last reading' }),
  };
  const collect: BatchObservableCallback = (result) => {
    result.observe(gauges.p50, histogram.percentile(50) / 1e9);
    result.observe(gauges.p99, histogram.percentile(99) / 1e9);
    result.observe(gauges.max, histogram.max / 1e9);
    histogram.reset();
  };
  meter.addBatchObservableCallback(collect, Object.values(gauges));
  return () => {
    meter.removeBatchObservableCallback(collect, Object.values(gauges));
    histogram.disable();
  };
}
