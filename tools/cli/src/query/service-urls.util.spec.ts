import { CliUsageError } from '../cli-usage.error';
import { serviceBaseUrl } from './service-urls.util';

describe('serviceBaseUrl', () => {
  it('given nothing, when resolved, then each service is the main job on this machine at its own port', () => {
    expect(serviceBaseUrl('valuation', {}, {})).toBe('http://127.0.0.1:3002');
    expect(serviceBaseUrl('risk', {}, {})).toBe('http://127.0.0.1:3003');
  });

  it('given --url without a port, when resolved, then each service gets its main-job port on that host (a path prefix kept)', () => {
    expect(serviceBaseUrl('valuation', { url: 'http://10.0.0.5/' }, {})).toBe('http://10.0.0.5:3002');
    expect(serviceBaseUrl('risk', { url: 'https://desk.example/hashdesk/' }, {})).toBe('https://desk.example:3003/hashdesk');
  });

  it('given --url with a port, even the scheme default, when resolved, then both services are asked there (a gateway)', () => {
    expect(serviceBaseUrl('valuation', { url: 'http://gw.example:8080' }, {})).toBe('http://gw.example:8080');
    expect(serviceBaseUrl('risk', { url: 'http://gw.example:8080' }, {})).toBe('http://gw.example:8080');
    expect(serviceBaseUrl('risk', { url: 'https://gw.example:443' }, {})).toBe('https://gw.example');
  });

  it('given a service URL, when resolved, then it is used as is for that service only', () => {
    const flags = { 'risk-url': 'http://risk.internal', url: 'http://10.0.0.5' };
    expect(serviceBaseUrl('risk', flags, {})).toBe('http://risk.internal');
    expect(serviceBaseUrl('valuation', flags, {})).toBe('http://10.0.0.5:3002');
  });

  it('given flags and environment, when resolved, then --<service>-url > --url > HASHDESK_<SERVICE>_URL > HASHDESK_URL', () => {
    const env = { HASHDESK_RISK_URL: 'http://risk-env', HASHDESK_URL: 'http://deploy-env' };
    expect(serviceBaseUrl('risk', {}, env)).toBe('http://risk-env');
    expect(serviceBaseUrl('valuation', {}, env)).toBe('http://deploy-env:3002');
    expect(serviceBaseUrl('risk', { url: 'http://flag' }, env)).toBe('http://flag:3003');
    expect(serviceBaseUrl('risk', { url: 'http://flag', 'risk-url': 'http://risk-flag:9' }, env)).toBe('http://risk-flag:9');
  });

  it.each([
    [{ url: 'ftp://x' }, {}, '--url: must be an http(s) URL'],
    [{ url: 'desk' }, {}, '--url: must be an http(s) URL'],
    [{ url: 'http://x?a=1' }, {}, '--url: must not carry a query'],
    [{ 'valuation-url': 'http://me:secret@x' }, {}, '--valuation-url: must not carry credentials'],
    [{}, { HASHDESK_VALUATION_URL: 'nope' }, 'HASHDESK_VALUATION_URL: must be an http(s) URL'],
  ])('given %p and env %p, when resolved, then a usage error says "%s"', (flags, env, message) => {
    expect(() => serviceBaseUrl('valuation', flags, env)).toThrow(CliUsageError);
    expect(() => serviceBaseUrl('valuation', flags, env)).toThrow(message);
  });
});
