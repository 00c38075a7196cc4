import { trace } from '@opentelemetry/api';
import pino, { type Logger, type LoggerOptions } from 'pino';

/**
 * Every header and field that can carry a secret: credentials in requests (also when logged as an error's
 * request), and secrets in logged objects one or two levels deep.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-admin-token"]', 'req.headers.cookie', 'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]', 'err.config.headers.authorization',
  '*.secret', '*.apiKey', '*.password', '*.token', '*.adminToken', '*.signingSecret', '*.webhookSecret',
  '*.*.secret', '*.*.apiKey', '*.*.password', '*.*.token', '*.*.signingSecret',
];

/** Structured JSON logs; every line carries the active trace and span ids. */
export function loggerOptions(serviceName: string, level: string): LoggerOptions {
  return {
    level,
    base: { service: serviceName },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '***' },
    mixin() {
      const context = trace.getActiveSpan()?.spanContext();
      return context ? { trace_id: context.traceId, span_id: context.spanId } : {};
    },
  };
}

export function createLogger(serviceName: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(loggerOptions(serviceName, level));
}

export type { Logger };
