import { telemetry } from './instrument';
import { bootstrapService, loadServiceConfigOrExit } from '@hashdesk/platform';
import { ConsoleAppModule } from './console.module';
import { ConsoleEnv } from './config/console.config';

const config = loadServiceConfigOrExit('console', ConsoleEnv);
void bootstrapService({
  serviceName: 'console',
  port: config.CONSOLE_HTTP_PORT,
  module: ConsoleAppModule.register(config),
  telemetry,
  description: "The research console's backend-for-frontend: the single-page app and read-only proxies to the four services.",
}).catch((error) => {
  process.stderr.write(`console: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
