import { projectRetarget, retargetDifficulty } from '@hashdesk/economics';
import type { CliCommand } from '../cli-command.interface';
import { numberFlag, oneOfFlags, requireFlagWith } from '../cli-flags.util';
import { renderKeyValueTable } from '../cli-output.util';
import { DIFFICULTY_FLAG, readDifficulty } from '../cli-network-flags.util';

export const retargetCommand: CliCommand = {
  name: 'retarget',
  summary: 'next difficulty from a 2016-block timespan, or projected from the blocks found so far',
  usage: '--difficulty <D> (--timespan-seconds <s> | --blocks-in-epoch <N> --seconds-since-epoch-start <s>) [--json]',
  flags: {
    ...DIFFICULTY_FLAG,
    'timespan-seconds': {
      type: 'string',
      placeholder: '<s>',
      description: 'time(last block) − time(first block) of the 2016-block period; target 1,209,600',
    },
    'blocks-in-epoch': { type: 'string', placeholder: '<N>', description: 'blocks found so far in the epoch, counting its first block (2..2016)' },
    'seconds-since-epoch-start': { type: 'string', placeholder: '<s>', description: 'latest block time − time of the epoch\'s first block' },
  },
  flagForField: { blocksFoundInEpoch: 'blocks-in-epoch', secondsSinceEpochFirstBlock: 'seconds-since-epoch-start' },
  notes: ['D_new = D · 1,209,600 / clamp(timespan, 302,400, 4,838,400): at most ×4 up and ÷4 down.'],
  run(flags) {
    const difficulty = readDifficulty(flags);
    const mode = oneOfFlags(flags, ['timespan-seconds', 'blocks-in-epoch']);
    requireFlagWith(flags, 'seconds-since-epoch-start', 'blocks-in-epoch');
    if (mode === 'timespan-seconds') {
      const timespanSeconds = numberFlag(flags, 'timespan-seconds');
      const result = retargetDifficulty(difficulty, timespanSeconds);
      const json = { difficulty, timespanSeconds, ...result };
      const text = renderKeyValueTable([
        { label: 'difficulty', value: difficulty, digits: 10 },
        { label: 'timespan', value: timespanSeconds, unit: 's' },
        { label: 'timespan used (clamped)', value: result.clampedTimespanSeconds, unit: 's' },
        { label: 'next difficulty', value: result.nextDifficulty, digits: 10 },
        { label: 'change', value: result.changePct, unit: '%', digits: 5 },
        { label: 'clamped', value: result.clamped },
      ]);
      return { json, text };
    }
    const blocksFoundInEpoch = numberFlag(flags, 'blocks-in-epoch', { min: 2, max: 2016, integer: true });
    const secondsSinceEpochFirstBlock = numberFlag(flags, 'seconds-since-epoch-start', { min: 0, exclusiveMin: true });
    const projection = projectRetarget({ difficulty, blocksFoundInEpoch, secondsSinceEpochFirstBlock });
    const json = { difficulty, blocksFoundInEpoch, secondsSinceEpochFirstBlock, ...projection };
    const text = renderKeyValueTable([
      { label: 'difficulty', value: difficulty, digits: 10 },
      { label: 'mean block interval so far', value: projection.meanBlockIntervalSeconds, unit: 's' },
      { label: 'blocks remaining', value: projection.blocksRemaining },
      { label: 'projected timespan', value: projection.projectedTimespanSeconds, unit: 's' },
      { label: 'projected next difficulty', value: projection.nextDifficulty, digits: 10 },
      { label: 'projected change', value: projection.changePct, unit: '% (consensus, 2015 intervals)', digits: 5 },
      { label: 'conventional estimate', value: projection.conventionalEstimateChangePct, unit: '% (600 / mean − 1, as mempool.space)', digits: 5 },
      { label: 'clamped', value: projection.clamped },
      { label: 'time to retarget', value: projection.secondsToRetarget / 86_400, unit: 'days' },
    ]);
    return { json, text };
  },
};
