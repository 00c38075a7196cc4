import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DynamicModule } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { ConfigValidationError, loadConfig } from '@hashdesk/config';
import type { Telemetry } from '@hashdesk/observability';
import type { ApiKeyFeed } from './auth/api-key-feed';
import { InputShapePipe } from './http/input-shape.pipe';
import { API_KEY_FEED } from './platform.tokens';
import { createValidationPipe } from './http/validation.pipe';
import { answerUnparsableJson, refuseUndecodablePath } from './http/request-edge.middleware';

/** Loads and validates the service's environment; on error prints every bad variable and exits 1. */
export function loadServiceConfigOrExit<T extends object>(serviceName: string, envClass: new () => T): T {
  try {
    return loadConfig(envClass);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${serviceName}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

export interface BootstrapOptions {
  serviceName: string;
  port: number;
  host?: string;
  module: DynamicModule;
  description: string;
  /** Started by the service's instrument.ts before anything else was imported. */
  telemetry: Telemetry;
}

/** Starts a service: tracing first, JSON logs, validated bodies, OpenAPI at /openapi.json, clean shutdown. */
export async function bootstrapService(options: BootstrapOptions): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(options.module, { bufferLogs: true, abortOnError: false, bodyParser: false });
  app.useLogger(app.get(PinoNestLogger));
  // Non-strict JSON: a body of null, 42 or "text" reaches InputShapePipe, whose 400 names the body
  // (the strict parser refused it with a message that named nothing). Limits stay at 100 kB.
  app.useBodyParser('json', { strict: false });
  app.use(answerUnparsableJson);
  app.useBodyParser('urlencoded', { extended: true });
  app.use(refuseUndecodablePath);
  // Shape first (depth, NUL, lone surrogates), then the DTO validators.
  app.useGlobalPipes(new InputShapePipe(), createValidationPipe());
  // Our own signal handling instead of enableShutdownHooks() (which, given no signals, listens to all
  // and re-raises the signal after closing, racing this handler): app.close() runs the same shutdown
  // hooks. Exit 0 means the consumer drained and every connection closed, 1 means teardown failed.
  const shutdown = (signal: string) => {
    const logger = app.get(PinoNestLogger);
    logger.log(`${signal}: closing`);
    app
      .close()
      .then(() => options.telemetry.shutdown().catch(() => undefined))
      .then(() => process.exit(0))
      .catch((error: Error) => {
        logger.error(`shutdown failed: ${error.stack ?? error.message}`);
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(`hashdesk ${options.serviceName}`).setDescription(options.description).setVersion('1')
      // The schemes operations name with @ApiSecurity must be declared, or the document references nothing.
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key', description: 'a hashdesk API key with the scope the operation needs (npm run keys -- create), or on notification a subscriber key; also accepted as Authorization: Bearer <key>' }, 'api-key')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'x-admin-token', description: 'the operator token (NOTIFICATION_ADMIN_TOKEN)' }, 'admin-token')
      .build(),
  );
  requireKeysForWrites(document as unknown as Parameters<typeof requireKeysForWrites>[0]);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  // No request is answered before every API key published so far has been read (an app without the
  // platform module, such as the console's backend-for-frontend, has no keys of its own to read).
  await apiKeyFeedOf(app)?.start(options.serviceName);
  await app.listen(options.port, options.host ?? '127.0.0.1');
  app.get(PinoNestLogger).log(`${options.serviceName} listening on ${options.host ?? '127.0.0.1'}:${options.port}`);
}

/** Every write needs a key (the request gate enforces it): operations that declare no scheme get `api-key`. */
export function requireKeysForWrites(document: { paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>> }): void {
  for (const operations of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (['get', 'head', 'options'].includes(method) || typeof operation !== 'object' || operation === null) continue;
      if (!operation.security || operation.security.length === 0) operation.security = [{ 'api-key': [] }];
    }
  }
}

function apiKeyFeedOf(app: { get<T>(token: symbol): T }): ApiKeyFeed | undefined {
  try {
    return app.get<ApiKeyFeed>(API_KEY_FEED);
  } catch {
    return undefined;
  }
}
