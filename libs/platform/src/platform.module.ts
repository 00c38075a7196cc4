import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { createLogger, loggerOptions } from '@hashdesk/observability';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { PlatformLifecycle } from './platform-lifecycle.service';
import type { PlatformOptions } from './platform.options';
import { platformProviders } from './platform.providers';
import { ApiKeyRegistry } from './auth/api-key-registry';
import { RequestGate } from './auth/request-gate.guard';
import { ContentTypeGate } from './http/content-type.guard';
import { DATA_SOURCE, EVENT_CONSUMER, KAFKA, LOGGER, OUTBOX_RELAY, OUTBOX_WRITER, PLATFORM_OPTIONS, PRODUCER, REDIS, TOPIC_NAMESPACE } from './platform.tokens';

/** The bones every hashdesk service shares: config, logging, PostgreSQL, Redis, Kafka, outbox, consumer, health, API keys. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const logger = createLogger(options.serviceName, options.infra.LOG_LEVEL);
    return {
      module: PlatformModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') } } }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: PLATFORM_OPTIONS, useValue: options },
        { provide: LOGGER, useValue: logger },
        ...platformProviders,
        ReadinessRegistry,
        PlatformLifecycle,
        // Every route of every service passes the gate: rate limits, API key, scope.
        { provide: APP_GUARD, useClass: RequestGate },
        // Then the exact media type of any body (415).
        { provide: APP_GUARD, useClass: ContentTypeGate },
      ],
      exports: [PLATFORM_OPTIONS, LOGGER, DATA_SOURCE, REDIS, KAFKA, PRODUCER, TOPIC_NAMESPACE, OUTBOX_WRITER, OUTBOX_RELAY, EVENT_CONSUMER, ReadinessRegistry, ApiKeyRegistry],
    };
  }
}

export { loggerOptions };
