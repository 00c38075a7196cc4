import { EconomicsInputError, EconomicsInputErrorCode } from '../shared/economics-input.error';
import { findAsicModel, listAsicModels } from './asic-catalog';

describe('ASIC catalog (generated from data/reference/asics.csv)', () => {
  // Specs from docs/methodology.md §3.3 (sources of data/reference/asics.csv: nhamilton1/asics-tools, mattk8/mining-data, hackernoon S21 review,
  // btcminermarketplace.com, Bitdeer Q3 2024 release).
  it.each([
    { name: 'Antminer S9', hashrateThs: 13.5, powerW: 1323 },
    { name: 'Antminer S19 Pro', hashrateThs: 110, powerW: 3250 },
    { name: 'Antminer S21', hashrateThs: 200, powerW: 3500 },
    { name: 'Antminer S21 XP', hashrateThs: 270, powerW: 3645 },
    { name: 'Whatsminer M30S+', hashrateThs: 100, powerW: 3400 },
    { name: 'SEALMINER A2', hashrateThs: 226, powerW: 3729 },
  ])('given "$name", when looked up, then it has $hashrateThs TH/s at $powerW W as docs/methodology.md §3.3 and asics.csv list', ({ name, hashrateThs, powerW }) => {
    expect(findAsicModel(name)).toMatchObject({ model: name, hashrateThs, powerW });
  });

  it.each(['antminer s21 xp', 'ANTMINER S21 XP', '  Antminer   S21 XP ', 'S21 XP', 's21-xp'])(
    'given "%s", when looked up, then case and spacing do not matter',
    (name) => {
      expect(findAsicModel(name).model).toBe('Antminer S21 XP');
    },
  );

  it('given "S21+" and "S21 plus", when looked up, then both find the Antminer S21+ and not the S21', () => {
    expect(findAsicModel('S21+').model).toBe('Antminer S21+');
    expect(findAsicModel('antminer s21 plus').model).toBe('Antminer S21+');
    expect(findAsicModel('M30S++').model).toBe('Whatsminer M30S++');
  });

  it('given an unknown model, when looked up, then the error names `model`, code UNKNOWN, and lists close names', () => {
    try {
      findAsicModel('Antminer S21 XPP');
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(EconomicsInputError);
      const inputError = error as EconomicsInputError;
      expect(inputError.field).toBe('model');
      expect(inputError.code).toBe(EconomicsInputErrorCode.UNKNOWN);
      expect(inputError.message).toMatch(/^model: unknown model 'Antminer S21 XPP' \(close names: .*Antminer S21 XP\b/);
    }
  });

  it('given an empty name, when looked up, then the error names `model`', () => {
    expect(() => findAsicModel(' ')).toThrow('model: must name an ASIC model');
  });

  it('given the catalog, when listed, then it has the 30 rows of asics.csv, each attributed and consistent within 3 % (data/reference/README.md §3)', () => {
    const models = listAsicModels();
    expect(models).toHaveLength(30);
    for (const spec of models) {
      expect(spec.source.length).toBeGreaterThan(10);
      expect(['high', 'medium', 'low']).toContain(spec.confidence);
      expect(Math.abs(spec.powerW / spec.hashrateThs / spec.efficiencyJth - 1)).toBeLessThanOrEqual(0.03);
    }
    expect(new Set(models.map((spec) => spec.model.toLowerCase())).size).toBe(30);
  });
});
