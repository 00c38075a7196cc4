import { csvCell, downloadName, toCsv } from './csv';
import { endOfDayIso, readState, writeState } from './url-state';

describe('CSV export', () => {
  it('quotes cells with commas, quotes or line breaks and leaves unknown cells empty', () => {
    expect(csvCell('MARA Holdings, Inc.')).toBe('"MARA Holdings, Inc."');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['date', 'usd'], [['2025-12-29', 37.16], ['2025-12-30', null]])).toBe('date,usd\r\n2025-12-29,37.16\r\n2025-12-30,\r\n');
  });

  it('names downloads by chart and day', () => {
    expect(downloadName('network-hashprice', 'png', '2025-12-29')).toBe('hashdesk-network-hashprice-2025-12-29.png');
  });
});

describe('page state in the query string', () => {
  const defaults = { scale: 'log', asOf: '', sort: 'evPerOperatingEhUsd' };

  it('reads known keys over their defaults and drops unknown ones', () => {
    expect(readState('?scale=linear&evil=1', defaults)).toEqual({ scale: 'linear', asOf: '', sort: 'evPerOperatingEhUsd' });
  });

  it('writes only what differs from the defaults, in a stable order, so equal views share a URL', () => {
    expect(writeState(defaults, defaults)).toBe('');
    expect(writeState({ ...defaults, sort: 'ticker', asOf: '2023-06-30' }, defaults)).toBe('?asOf=2023-06-30&sort=ticker');
    expect(readState(writeState({ ...defaults, asOf: '2023-06-30' }, defaults), defaults).asOf).toBe('2023-06-30');
  });

  it('turns a picked day into the end of that UTC day, refusing what is not a day', () => {
    expect(endOfDayIso('2023-06-30')).toBe('2023-06-30T23:59:59Z');
    expect(endOfDayIso('2023-6-30')).toBeUndefined();
    expect(endOfDayIso('')).toBeUndefined();
  });
});
