import { telemetry } from './instrument';
import { bootstrapService, loadServiceConfigOrExit } from '@hashdesk/platform';
import { RiskAppModule } from './app.module';
import { RiskEnv } from './config/risk.config';

const config = loadServiceConfigOrExit('risk', RiskEnv);
void bootstrapService({
  serviceName: 'risk',
  port: config.RISK_HTTP_PORT,
  module: RiskAppModule.register(config),
  telemetry,
  description: 'Risk rules over hashdesk metrics: crossings raise alerts.',
}).catch((error) => {
  process.stderr.write(`risk: failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
