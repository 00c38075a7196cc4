import { profileFigureRows } from './profile-figures.mapper';

const profile = {
  schemaVersion: 1,
  ticker: 'TEST',
  period: { label: 'Q3 2025', startDate: '2025-07-01', endDate: '2025-09-30' },
  asOf: '2025-09-30',
  knownAt: '2025-11-04T00:00:00.000Z',
  balanceSheet: {
    cashUsd: { value: 12_500_000, asOf: '2025-09-30', knownAt: '2025-11-04', source: 'https://ir.example.com/q3', sourceQuality: 'primary', excerpt: 'cash of $12.5 million' },
    totalDebtUsd: { value: null, asOf: null, source: null, note: 'not found in the sources read' },
  },
  power: { priceBasis: 'unknown', contracts: [{ counterparty: 'Utility', capacityMw: 285, priceUsdPerKwh: null, kind: 'ppa', knownAt: '2025-12-01', source: 'https://news.example.com/ppa', sourceQuality: 'secondary', excerpt: 'agreements totaling 285 MW' }] },
  convertibles: [{ name: '0% notes due 2032', principalUsd: 950_000_000, maturity: '2032-08-01', issued: '2025-07-25', knownAt: '2025-07-25', source: 'https://news.example.com/cv', excerpt: '$950 million' }],
  hpcContracts: [{ counterparty: 'Cloud Co', announced: '2025-11-04', termYears: { value: 15, asOf: '2025-11-04', knownAt: '2025-11-04', source: 'https://news.example.com/hpc', sourceQuality: 'secondary', excerpt: '15-year lease' }, source: 'https://news.example.com/hpc' }],
};

describe('profileFigureRows', () => {
  const rows = profileFigureRows('TEST', 3, profile);
  const row = (field: string) => rows.find((r) => r.field === field);

  it('gives a sourced figure its own provenance, with the version and period it belongs to', () => {
    expect(row('balanceSheet.cashUsd')).toEqual({
      ticker: 'TEST', version: 3, periodEnd: '2025-09-30', usableFrom: '2025-11-04T00:00:00.000Z', field: 'balanceSheet.cashUsd', value: 12_500_000,
      asOf: '2025-09-30', knownAt: '2025-11-04', source: 'https://ir.example.com/q3', sourceQuality: 'primary', excerpt: 'cash of $12.5 million', note: null,
    });
  });

  it('keeps a figure that was not found, with its reason, as a null', () => {
    expect(row('balanceSheet.totalDebtUsd')).toMatchObject({ value: null, source: null, note: 'not found in the sources read' });
  });

  it('gives the numbers of a sourced record in a list the record source, and skips its unknown numbers', () => {
    expect(row('power.contracts[0].capacityMw')).toMatchObject({ value: 285, knownAt: '2025-12-01', source: 'https://news.example.com/ppa', excerpt: 'agreements totaling 285 MW' });
    expect(row('power.contracts[0].priceUsdPerKwh')).toBeUndefined();
    expect(row('hpcContracts[0].termYears')).toMatchObject({ value: 15, source: 'https://news.example.com/hpc' });
  });

  it('names each sourced record once, dated when it was announced (or became known)', () => {
    expect(row('power.contracts[0]')).toMatchObject({ value: 'Utility (ppa)', asOf: '2025-12-01', source: 'https://news.example.com/ppa' });
    expect(row('hpcContracts[0]')).toMatchObject({ value: 'Cloud Co', asOf: '2025-11-04', source: 'https://news.example.com/hpc' });
    expect(row('convertibles[0]')).toMatchObject({ value: '0% notes due 2032', asOf: '2025-07-25' });
    expect(row('convertibles[0].principalUsd')).toMatchObject({ value: 950_000_000, asOf: '2025-07-25', excerpt: '$950 million' });
  });

  it('leaves out the period block and labels that are not figures', () => {
    expect(rows.map((r) => r.field)).toEqual([
      'balanceSheet.cashUsd', 'balanceSheet.totalDebtUsd', 'power.contracts[0]', 'power.contracts[0].capacityMw', 'convertibles[0]', 'convertibles[0].principalUsd',
      'hpcContracts[0]', 'hpcContracts[0].termYears',
    ]);
  });
});
