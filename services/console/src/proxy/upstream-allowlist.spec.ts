import { isAllowed, isUpstream } from './upstream-allowlist';

describe('what the console forwards', () => {
  it('forwards the query APIs the pages read', () => {
    expect(isAllowed('valuation', 'GET', '/v1/network/metrics')).toBe(true);
    expect(isAllowed('valuation', 'GET', '/v1/companies/MARA/valuations')).toBe(true);
    expect(isAllowed('valuation', 'GET', '/v1/comparables')).toBe(true);
    expect(isAllowed('risk', 'GET', '/v1/risk/companies/RIOT/grid')).toBe(true);
    expect(isAllowed('risk', 'GET', '/v1/risk/companies/RIOT/evaluations')).toBe(true);
    expect(isAllowed('risk', 'GET', '/v1/risk/universe')).toBe(true);
    expect(isAllowed('valuation', 'GET', '/v1/companies/RIOT/figures')).toBe(true);
    expect(isAllowed('risk', 'GET', '/v1/risk/watchlist/abc-1/lines/l_2')).toBe(true);
    expect(isAllowed('notification', 'GET', '/v1/deliveries')).toBe(true);
  });

  it('forwards the Monte Carlo POST and no other write', () => {
    expect(isAllowed('risk', 'POST', '/v1/risk/monte-carlo')).toBe(true);
    expect(isAllowed('risk', 'POST', '/v1/risk/watchlist')).toBe(false);
    expect(isAllowed('ingest', 'POST', '/v1/observations/btc-price')).toBe(false);
    expect(isAllowed('notification', 'POST', '/v1/subscribers')).toBe(false);
    expect(isAllowed('valuation', 'DELETE', '/v1/comparables')).toBe(false);
  });

  it('refuses operator endpoints, traversal and encoded paths', () => {
    expect(isAllowed('notification', 'GET', '/v1/admin/unroutable-events')).toBe(false);
    expect(isAllowed('valuation', 'GET', '/v1/companies/MARA/../../admin')).toBe(false);
    expect(isAllowed('valuation', 'GET', '/v1/companies/%2e%2e/valuation')).toBe(false);
    expect(isAllowed('valuation', 'GET', '/v1/companies/mara/valuation')).toBe(false);
    expect(isUpstream('postgres')).toBe(false);
  });
});
