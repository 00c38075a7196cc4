import { parseCsv } from './csv-parse.testing';
import { csvField, flattenRecord, plainNumber, toCsv } from './csv.util';

describe('flattenRecord', () => {
  it('given nested objects, lists and nulls, when flattened, then objects become dotted columns, plain lists are joined and lists of objects stay JSON', () => {
    const row = flattenRecord({
      ticker: 'RIOT',
      metrics: { mNavBasic: 1.12, missingInputs: { runway: ['cash', 'debt'] }, note: null },
      sources: ['a', 'b'],
      lineage: { inputs: [{ eventId: 'e1' }] },
      empty: [],
      ok: true,
    });

    expect(row).toEqual({
      ticker: 'RIOT',
      'metrics.mNavBasic': 1.12,
      'metrics.missingInputs.runway': 'cash | debt',
      'metrics.note': null,
      sources: 'a | b',
      'lineage.inputs': '[{"eventId":"e1"}]',
      empty: '',
      ok: true,
    });
  });
});

describe('plainNumber', () => {
  it.each([
    [112000, '112000'],
    [-0.125, '-0.125'],
    [0.0000004, '0.0000004'],
    [-1.5e-7, '-0.00000015'],
    [1e21, '1000000000000000000000'],
    [150.84e12, '150840000000000'],
  ])('given %p, when written, then it is %p (no exponent, no thousands separator)', (value, text) => {
    expect(plainNumber(value)).toBe(text);
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['MARA Holdings, Inc.', '"MARA Holdings, Inc."'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    [null, ''],
    [false, 'false'],
  ])('given %p, when written, then RFC 4180 gives %p', (cell, text) => {
    expect(csvField(cell)).toBe(text);
  });
});

describe('toCsv', () => {
  it('given rows with different fields, when written, then one header has the leading columns first and then every column in first-seen order', () => {
    const csv = toCsv([{ b: 1, a: { x: 'q,"r"' } }, { c: 0.0000004, b: 2 }], ['id', 'b']);

    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ['id', 'b', 'a.x', 'c'],
      ['', '1', 'q,"r"', ''],
      ['', '2', '', '0.0000004'],
    ]);
  });

  it('given no rows, when written, then the header row of the leading columns is still there', () => {
    expect(toCsv([], ['alertId', 'value'])).toBe('alertId,value\r\n');
  });
});
