// The operator's API-key command: npm run keys -- create --owner <name> --scopes <a,b> | list | revoke --key-id <id>
// Publishes to identity.api-key.changed.v1 (the key itself is printed once and stored nowhere).
// Needs the broker: KAFKA_BROKERS (default 127.0.0.1:9092), KAFKA_TOPIC_PREFIX (default none).
// Exit 0 done, 1 broker or runtime failure, 2 bad usage (the message names the flag).
import { createKafka, parseBrokers, silentLogger, TopicNamespace } from '../../libs/messaging/src';
import { API_SCOPES, isApiScope, issueApiKey, listApiKeys, revokeApiKey } from '../../libs/platform/src/auth';

const USAGE = `usage: npm run keys -- create --owner <name> --scopes <${API_SCOPES.join('|')}>[,…]
       npm run keys -- list
       npm run keys -- revoke --key-id <k_…>`;

function usage(message: string): never {
  process.stderr.write(`keys: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) usage(`--${name} needs a value`);
  return value;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const kafka = createKafka({ brokers: parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'), clientId: 'hashdesk-keys', logger: silentLogger });
  const namespace = new TopicNamespace(process.env.KAFKA_TOPIC_PREFIX ?? '');
  switch (command) {
    case 'create': {
      const owner = flag(args, 'owner') ?? usage('--owner is required');
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(owner)) usage('--owner must be 1-64 letters, digits, dots, dashes or underscores');
      const scopes = (flag(args, 'scopes') ?? usage('--scopes is required')).split(',').map((s) => s.trim());
      const unknown = scopes.filter((s) => !isApiScope(s));
      if (unknown.length > 0 || scopes.length === 0) usage(`--scopes: unknown scope ${unknown.join(', ')}; one or more of ${API_SCOPES.join(', ')}`);
      const { key, keyId } = await issueApiKey(kafka, namespace, owner, scopes.filter(isApiScope));
      process.stdout.write(`${JSON.stringify({ keyId, owner, scopes, key })}\n`);
      process.stderr.write('keys: the key is shown only now; store it (services accept it as x-api-key or Authorization: Bearer)\n');
      return;
    }
    case 'list':
      process.stdout.write(`${JSON.stringify(await listApiKeys(kafka, namespace), null, 2)}\n`);
      return;
    case 'revoke': {
      const keyId = flag(args, 'key-id') ?? usage('--key-id is required');
      if (!(await revokeApiKey(kafka, namespace, keyId))) usage(`--key-id: no key ${keyId} was ever issued`);
      process.stdout.write(`${JSON.stringify({ keyId, revoked: true })}\n`);
      return;
    }
    default:
      usage(command ? `unknown command ${command}` : 'a command is required');
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`keys: ${error.message}\n`);
    process.exit(1);
  },
);
