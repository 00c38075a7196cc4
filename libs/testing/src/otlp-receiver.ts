import { createServer, type Server } from 'node:http';

/** OTLP span kinds (opentelemetry.proto.trace.v1.Span.SpanKind). */
export const OtlpSpanKind = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

type OtlpValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
type OtlpAttribute = { key: string; value: OtlpValue };
type OtlpSpan = {
  traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[];
  links?: Array<{ traceId: string; spanId: string; attributes?: OtlpAttribute[] }>; status?: { code?: number; message?: string };
};

/** One received span, flattened: its service and its attributes as plain values. */
export interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean>;
  links: Array<{ traceId: string; spanId: string; attributes: Record<string, string | number | boolean> }>;
  status?: { code?: number; message?: string };
}

function plain(attributes: OtlpAttribute[] | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of attributes ?? []) {
    if (value.stringValue !== undefined) out[key] = value.stringValue;
    else if (value.intValue !== undefined) out[key] = Number(value.intValue);
    else if (value.doubleValue !== undefined) out[key] = value.doubleValue;
    else if (value.boolValue !== undefined) out[key] = value.boolValue;
  }
  return out;
}

/**
 * A real OTLP/HTTP receiver for telemetry tests: the services export to it as to a collector
 * (OTEL_EXPORTER_OTLP_ENDPOINT = url()). It takes OTLP JSON (what @opentelemetry/exporter-*-otlp-http
 * sends) on /v1/traces, /v1/metrics and /v1/logs, keeps every span and every metrics export, and
 * answers 200 to all.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** Each metrics export's resourceMetrics, as sent. */
  readonly metricExports: Array<{ service: string; metricNames: string[] }> = [];
  private server?: Server;
  port = 0;

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          if (req.method === 'POST' && !String(req.headers['content-type'] ?? '').includes('json')) {
            res.writeHead(415).end('this receiver takes OTLP JSON');
            return;
          }
          const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
          if (req.url === '/v1/traces') this.takeSpans(body);
          if (req.url === '/v1/metrics') this.takeMetrics(body);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        } catch (error) {
          res.writeHead(400).end(String(error));
        }
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    return this;
  }

  url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private takeSpans(body: { resourceSpans?: Array<{ resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> }): void {
    for (const resourceSpans of body.resourceSpans ?? []) {
      const service = String(plain(resourceSpans.resource?.attributes)['service.name'] ?? '');
      for (const scope of resourceSpans.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          this.spans.push({
            service,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || undefined,
            name: span.name,
            kind: span.kind,
            attributes: plain(span.attributes),
            links: (span.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: plain(l.attributes) })),
            status: span.status,
          });
        }
      }
    }
  }

  private takeMetrics(body: { resourceMetrics?: Array<{ resource?: { attributes?: OtlpAttribute[] }; scopeMetrics?: Array<{ metrics?: Array<{ name: string }> }> }> }): void {
    for (const resourceMetrics of body.resourceMetrics ?? []) {
      const service = String(plain(resourceMetrics.resource?.attributes)['service.name'] ?? '');
      this.metricExports.push({ service, metricNames: (resourceMetrics.scopeMetrics ?? []).flatMap((s) => (s.metrics ?? []).map((m) => m.name)) });
    }
  }
}
