import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { createLogger } from '@hashdesk/observability';
import { CONSOLE_CONFIG, type ConsoleEnv } from './config/console.config';
import { HealthController } from './health/health.controller';
import { ProxyController } from './proxy/proxy.controller';
import { StreamController } from './proxy/stream.controller';
import { SubscriberKeyService } from './proxy/subscriber-key.service';
import { StaticFiles } from './web/static-files';
import { WebController } from './web/web.controller';

/** No broker, database or Redis: the console only reads the services over HTTP, so PlatformModule is not used. */
@Module({})
export class ConsoleAppModule {
  static register(config: ConsoleEnv): DynamicModule {
    const logger = createLogger('console', config.LOG_LEVEL);
    return {
      module: ConsoleAppModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: { ignore: (req) => !(req.url ?? '').startsWith('/api/') } } })],
      controllers: [HealthController, StreamController, ProxyController, WebController],
      providers: [{ provide: CONSOLE_CONFIG, useValue: config }, SubscriberKeyService, { provide: StaticFiles, useValue: new StaticFiles(config.CONSOLE_WEB_DIR) }],
    };
  }
}
