import { expectUsageError, runHashdesk, runHashdeskJson } from '../cli-spawn.testing';

describe('hashdesk retarget', () => {
  it('given D = 1e14 and a 1,512,000 s period (25 % slow), when run, then D falls to 8e13, −20 %, not clamped (hand: 1,209,600/1,512,000 = 0.8)', () => {
    const json = runHashdeskJson('retarget', '--difficulty', '1e14', '--timespan-seconds', '1512000');
    expect(json['nextDifficulty']).toBeCloseTo(8e13, 0);
    expect(json['changePct']).toBeCloseTo(-20, 9);
    expect(json['clamped']).toBe(false);
  });

  it('given a period faster than a quarter of two weeks, when run, then the change is clamped to ×4 (+300 %)', () => {
    expect(runHashdeskJson('retarget', '--difficulty', '1e14', '--timespan-seconds', '100000')).toMatchObject({
      nextDifficulty: 4e14,
      changePct: 300,
      clamped: true,
    });
  });

  it('given epoch 341 (19.93T) over its 20 CM days, when run, then the move is −30 %, near the published −27.94 % (dates are day-granular)', () => {
    const json = runHashdeskJson('retarget', '--difficulty', '19932791027262.742', '--timespan-seconds', String(20 * 86_400));
    expect(json['changePct']).toBeCloseTo(-30, 9);
  });

  it('given half an epoch at 600 s per block, when projected, then the consensus change is +0.0496 % (2015 intervals)', () => {
    const json = runHashdeskJson('retarget', '--difficulty', '1e14', '--blocks-in-epoch', '1008', '--seconds-since-epoch-start', String(1007 * 600));
    expect(json['changePct']).toBeCloseTo((1_209_600 / 1_209_000 - 1) * 100, 9);
    expect(json['conventionalEstimateChangePct']).toBe(0);
    expect(json['blocksRemaining']).toBe(1008);
  });

  it.each([
    { args: ['--difficulty', '-1', '--timespan-seconds', '1209600'], flag: 'difficulty' },
    { args: ['--difficulty', '1e12'], flag: 'timespan-seconds' },
    { args: ['--difficulty', '1e12', '--timespan-seconds', 'soon'], flag: 'timespan-seconds' },
    { args: ['--difficulty', '1e12', '--blocks-in-epoch', '1'], flag: 'blocks-in-epoch' },
    { args: ['--difficulty', '1e12', '--blocks-in-epoch', '100'], flag: 'seconds-since-epoch-start' },
    { args: ['--difficulty', '1e12', '--timespan-seconds', '1', '--blocks-in-epoch', '100'], flag: 'blocks-in-epoch' },
  ])('given $args, when run, then exit 2 names --$flag and stdout is empty', ({ args, flag }) => {
    expectUsageError(runHashdesk('retarget', ...args, '--json'), flag);
  });
});
