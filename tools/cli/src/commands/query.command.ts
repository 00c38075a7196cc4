import type { CliCommand } from '../cli-command.interface';
import { QUERY_ENDPOINTS } from '../query/query-endpoints';
import { buildQueryRequest, DEFAULT_TIMEOUT_SECONDS } from '../query/query-request.util';
import { renderAnswer } from '../query/query-output.util';
import { getFromService } from '../query/service-http.client';
import { DEFAULT_DEPLOYMENT_URL, SERVICE_PORTS } from '../query/service-urls.util';

export const queryCommand: CliCommand = {
  name: 'query',
  summary: 'ask a running deployment (valuation and risk services) for comparables, a valuation, scenarios, alerts or a backtest',
  usage: [
    'comparables [--as-of <day|ISO>] [--known-at <day|ISO>] [--url <base>] [--format csv|json]',
    'valuation --ticker <T> [--as-of <day|ISO>] [--known-at <day|ISO>] [--url <base>] [--format csv|json]',
    'scenarios --ticker <T> [--as-of <day|ISO>] [--url <base>] [--format csv|json]',
    'alerts [--url <base>] [--format csv|json]',
    'backtest --ticker <T> [--url <base>] [--format csv|json]',
  ].join('\n                      '),
  subcommands: Object.fromEntries(Object.entries(QUERY_ENDPOINTS).map(([name, endpoint]) => [name, endpoint.summary])),
  flags: {
    ticker: { type: 'string', placeholder: '<T>', description: 'company ticker (valuation, scenarios, backtest), e.g. RIOT' },
    'as-of': { type: 'string', placeholder: '<YYYY-MM-DD|ISO>', description: 'event time: a day means its end (23:59:59.999Z); default now (comparables, valuation, scenarios)' },
    'known-at': { type: 'string', placeholder: '<YYYY-MM-DD|ISO>', description: 'knowledge time: what hashdesk had learned by then; default now (comparables, valuation)' },
    format: { type: 'string', placeholder: '<csv|json>', description: "json (default): the service's body as it came; csv: one header row, RFC 4180" },
    url: { type: 'string', placeholder: '<base>', description: `the deployment (env HASHDESK_URL); without a port each service gets its main-job port; default ${DEFAULT_DEPLOYMENT_URL}` },
    'valuation-url': { type: 'string', placeholder: '<base>', description: `the valuation service itself, used as is (env HASHDESK_VALUATION_URL; default port ${SERVICE_PORTS.valuation})` },
    'risk-url': { type: 'string', placeholder: '<base>', description: `the risk service itself, used as is (env HASHDESK_RISK_URL; default port ${SERVICE_PORTS.risk})` },
    'timeout-seconds': { type: 'string', placeholder: '<s>', description: `give up on a service after this long; default ${DEFAULT_TIMEOUT_SECONDS}` },
  },
  notes: [
    'The API key comes from HASHDESK_API_KEY (sent as x-api-key) when it is set; it is never a flag, so it stays',
    'out of shell history. Base URLs: --valuation-url / --risk-url, then --url, then HASHDESK_VALUATION_URL /',
    'HASHDESK_RISK_URL, then HASHDESK_URL. --url http://10.0.0.5 asks valuation on :3002 and risk on :3003;',
    '--url https://desk.example:8443 (a port given) asks both there. Redirects are not followed.',
    'CSV: comparables and backtest come as the service writes them (?format=csv); valuation is one row, scenarios',
    'one row per standing scenario (base first), alerts one row per alert; nested fields become dotted columns',
    '(metrics.mNavBasic), lists " | "-joined, lists of objects JSON in one cell. --json is --format json.',
    'Exit 1 when a service cannot be reached or answers with an HTTP error (its status and message on stderr).',
    'Example: HASHDESK_API_KEY=… hashdesk query valuation --ticker RIOT --as-of 2025-10-01 --url http://10.0.0.5 --format csv',
  ],
  async run(flags, subcommand) {
    const request = buildQueryRequest(subcommand ?? '', flags, process.env);
    return { raw: renderAnswer(request, await getFromService(request)) };
  },
};
