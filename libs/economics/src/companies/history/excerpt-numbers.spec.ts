import { excerptStates, numbersInText } from './excerpt-numbers';

describe('numbers stated in a source excerpt', () => {
  it.each([
    ['Produced 1,426 Bitcoin during the quarter', 1426, 'BTC'],
    ['total revenue of $255.4 million for the quarter', 255_400_000, 'USD'],
    ['a $1.2 billion convertible note offering', 1_200_000_000, 'USD'],
    ['raised $1.2B in total', 1_200_000_000, 'USD'],
    ['hash rate of 35.4 EH/s at month end', 35.4, 'EH/s'],
    ['an all-in power cost of 4.2 cents per kWh', 0.042, 'USD/kWh'],
    ['power cost of $42/MWh', 0.042, 'USD/kWh'],
    ['uptime of 93% in the quarter', 0.93, 'ratio'],
    ['a 1.1 GW campus', 1100, 'MW'],
    ['net loss of $(12.3) million', -12_300_000, 'USD'],
  ])('given "%s", when %d %s is looked for, then it is stated', (excerpt, value, unit) => {
    expect(excerptStates(value, excerpt, unit)).toBe(true);
  });

  it.each([
    ['Produced 1,426 Bitcoin', 1425, 'BTC'],
    ['total revenue of $255.4 million', 255_000_000, 'USD'],
    ['hash rate of 35.4 EH/s', 35, 'EH/s'],
    ['uptime of 93%', 0.93, 'USD'],
  ])('given "%s", when %d %s is looked for, then it is not stated (no rounding, no foreign unit)', (excerpt, value, unit) => {
    expect(excerptStates(value, excerpt, unit)).toBe(false);
  });

  it('given a table "in thousands", when the scale is declared, then 79,832 is $79,832,000', () => {
    expect(excerptStates(79_832_000, 'Total revenue 79,832', 'USD', 1000)).toBe(true);
    expect(excerptStates(79_832_000, 'Total revenue 79,832', 'USD')).toBe(false);
  });

  it('given a text with scale words, when read, then each number comes with and without its scale', () => {
    expect(numbersInText('$3.5 million and 2,000 BTC')).toEqual([3.5, 3_500_000, 2000]);
  });
});
