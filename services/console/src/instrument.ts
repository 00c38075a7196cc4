// Imported first by main.ts: tracing must patch http before anything else loads it.
import { startTelemetry } from '@hashdesk/observability';

export const telemetry = startTelemetry('console');
