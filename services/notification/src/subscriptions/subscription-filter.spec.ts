import { matchesFilter } from './subscription-filter';

describe('subscription filter', () => {
  const alert = { type: 'hashdesk.v1.AlertRaised', subject: 'MARA', severity: 'critical' as const };
  it.each([
    ['empty lists match everything', { eventTypes: [], subjects: [], severities: [] }, true],
    ['listed type, ticker and severity', { eventTypes: ['hashdesk.v1.AlertRaised'], subjects: ['MARA'], severities: ['critical'] }, true],
    ['another type', { eventTypes: ['hashdesk.v1.HashpriceComputed'], subjects: [], severities: [] }, false],
    ['another ticker', { eventTypes: [], subjects: ['RIOT'], severities: [] }, false],
    ['another severity', { eventTypes: [], subjects: [], severities: ['info'] }, false],
  ])('given %s', (_name, filter, expected) => {
    expect(matchesFilter(filter, alert)).toBe(expected);
  });

  it('given a severity filter then events without a severity do not match', () => {
    expect(matchesFilter({ eventTypes: [], subjects: [], severities: ['info'] }, { type: 'hashdesk.v1.HashpriceComputed', subject: 'network' })).toBe(false);
  });
});
