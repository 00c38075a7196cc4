import type { CliFlagValues } from '../cli-command.interface';
import { optionalStringFlag } from '../cli-flags.util';
import { CliUsageError } from '../cli-usage.error';

/*
 * Where each service answers. A service's own URL (--valuation-url, --risk-url) is used as is; the
 * deployment's URL (--url) names the host and, when it gives no port, each service gets the main
 * job's port (valuation 3002, risk 3003); with a port (a gateway routing /v1/…) it is used as is for
 * all. Flags beat the environment (HASHDESK_VALUATION_URL, HASHDESK_RISK_URL, HASHDESK_URL); with
 * nothing given, the main job on this machine.
 */

export type QueryService = 'valuation' | 'risk';

/** The ports scripts/main-job.sh gives the services. */
export const SERVICE_PORTS: Readonly<Record<QueryService, number>> = { valuation: 3002, risk: 3003 };

export const DEFAULT_DEPLOYMENT_URL = 'http://127.0.0.1';

export type Env = Readonly<Record<string, string | undefined>>;

/** An explicit `:port` in the authority, read from the text: `new URL` drops a scheme's default port. */
const EXPLICIT_PORT = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*:\d+(?:[/?#]|$)/i;

interface Setting {
  readonly raw: string;
  /** How to name it in an error: `--url` or `HASHDESK_URL`. */
  readonly origin: { readonly flag: string } | { readonly env: string };
}

function refuse(setting: Setting, rule: string): CliUsageError {
  return 'flag' in setting.origin ? new CliUsageError(setting.origin.flag, rule) : new CliUsageError(setting.origin.env, rule, true);
}

/** An http(s) base URL without query, fragment or credentials (the key travels in a header); no trailing slash. */
function parseBase(setting: Setting): URL {
  let url: URL;
  try {
    url = new URL(setting.raw);
  } catch {
    throw refuse(setting, `must be an http(s) URL such as http://127.0.0.1 or https://desk.example:8443, got '${setting.raw}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(setting, `must be an http(s) URL, got '${setting.raw}'`);
  if (url.search || url.hash) throw refuse(setting, 'must not carry a query or a fragment');
  if (url.username || url.password) throw refuse(setting, 'must not carry credentials (the API key comes from HASHDESK_API_KEY)');
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

interface Source extends Setting {
  /** A service's own URL is used as is; the deployment's gets the service's port when it names none. */
  readonly perService: boolean;
}

/** The sources in precedence order: --<service>-url, --url, HASHDESK_<SERVICE>_URL, HASHDESK_URL. */
function sources(service: QueryService, flags: CliFlagValues, env: Env): Source[] {
  const flag = (name: string, perService: boolean) => {
    const raw = optionalStringFlag(flags, name);
    return raw === undefined ? [] : [{ raw, origin: { flag: name }, perService }];
  };
  const fromEnv = (name: string, perService: boolean) => {
    const raw = env[name]?.trim();
    return raw ? [{ raw, origin: { env: name }, perService }] : [];
  };
  return [...flag(`${service}-url`, true), ...flag('url', false), ...fromEnv(`HASHDESK_${service.toUpperCase()}_URL`, true), ...fromEnv('HASHDESK_URL', false)];
}

/** The base URL of `service`, without a trailing slash (e.g. `http://10.0.0.5:3003`). */
export function serviceBaseUrl(service: QueryService, flags: CliFlagValues, env: Env): string {
  const source: Source = sources(service, flags, env)[0] ?? { raw: DEFAULT_DEPLOYMENT_URL, origin: { flag: 'url' }, perService: false };
  const url = parseBase(source);
  if (!source.perService && !EXPLICIT_PORT.test(source.raw)) url.port = String(SERVICE_PORTS[service]);
  return url.href.replace(/\/$/, '');
}
