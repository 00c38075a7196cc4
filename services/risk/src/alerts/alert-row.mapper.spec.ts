import { create, toJson } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertRaisedSchema, InputRefSchema, LineageSchema, Severity, ThresholdDirection } from '@hashdesk/contracts';
import { ALERT_COLUMNS, alertRow } from './alert-row.mapper';

const asOf = new Date('2025-10-03T12:00:00Z');
const stored = (value: number) => JSON.parse(JSON.stringify(toJson(AlertRaisedSchema, create(AlertRaisedSchema, {
  alertId: 'a-1', ruleId: 'stop-line.runway-floor.l-1', severity: Severity.CRITICAL, subject: 'RIOT', metric: 'liquidity_runway_months', value, threshold: 12,
  direction: ThresholdDirection.BELOW, message: 'runway under 12 months', asOf: timestampFromDate(asOf),
  lineage: create(LineageSchema, { methodologyVersion: 'risk.stop-lines/1', inputs: [create(InputRefSchema, { eventId: 'e-1', eventType: 'hashdesk.v1.CompanyValued', eventTime: timestampFromDate(asOf) })] }),
}))));

describe('alert row', () => {
  it('given a stored alert, when flattened, then every column holds its field, enums by name and the triggering event from the lineage', () => {
    const row = alertRow(stored(9.5));
    expect(Object.keys(row)).toEqual(ALERT_COLUMNS);
    expect(row).toEqual({
      alertId: 'a-1', asOf: '2025-10-03T12:00:00Z', ruleId: 'stop-line.runway-floor.l-1', severity: 'SEVERITY_CRITICAL', subject: 'RIOT', metric: 'liquidity_runway_months',
      valueInMetricUnit: 9.5, thresholdInMetricUnit: 12, direction: 'THRESHOLD_DIRECTION_BELOW', message: 'runway under 12 months',
      triggeringEventId: 'e-1', triggeringEventType: 'hashdesk.v1.CompanyValued', triggeringEventTime: '2025-10-03T12:00:00Z', methodologyVersion: 'risk.stop-lines/1',
    });
  });

  it('given a value of 0 (absent in proto JSON) or an unbounded runway, when flattened, then they read 0 and "Infinity"', () => {
    expect(alertRow(stored(0)).valueInMetricUnit).toBe(0);
    expect(alertRow(stored(Number.POSITIVE_INFINITY)).valueInMetricUnit).toBe('Infinity');
  });
});
