import { telemetry } from './instrument';
import { bootstrapService, loadServiceConfigOrExit } from '@hashdesk/platform';
import { NotificationAppModule } from './app.module';
import { NotificationEnv } from './config/notification.config';

const config = loadServiceConfigOrExit('notification', NotificationEnv);
void bootstrapService({
  serviceName: 'notification',
  port: config.NOTIFICATION_HTTP_PORT,
  module: NotificationAppModule.register(config),
  telemetry,
  description: 'Delivers hashdesk alerts to downstream systems, at least once, signed.',
}).catch((error) => {
  process.stderr.write(`notification: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
