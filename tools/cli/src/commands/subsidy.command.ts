import { blockSubsidySats, blocksToNextHalving, halvingsBefore, nextHalvingHeight, projectNextHalving, satsToBtc } from '@hashdesk/economics';
import type { CliCommand } from '../cli-command.interface';
import { numberFlag, optionalNumberFlag, requireFlagWith } from '../cli-flags.util';
import { renderKeyValueTable } from '../cli-output.util';

export const subsidyCommand: CliCommand = {
  name: 'subsidy',
  summary: 'block subsidy at a height (consensus schedule), halvings and the next halving',
  usage: '--height <H> [--time-unix <s> [--mean-block-interval-seconds <s>]] [--json]',
  flags: {
    height: { type: 'string', placeholder: '<H>', description: 'block height (whole number ≥ 0)' },
    'time-unix': { type: 'string', placeholder: '<s>', description: 'timestamp of the block at --height (Unix seconds, UTC); projects the next halving date' },
    'mean-block-interval-seconds': { type: 'string', placeholder: '<s>', description: 'mean seconds per block for the projection; default 600' },
  },
  notes: ['Subsidy = 50 BTC >> (height / 210,000) in integer satoshis; 0 from height 6,930,000.'],
  run(flags) {
    const height = numberFlag(flags, 'height', { min: 0, integer: true });
    requireFlagWith(flags, 'mean-block-interval-seconds', 'time-unix');
    const timeUnixSeconds = optionalNumberFlag(flags, 'time-unix', { min: 0 });
    const meanBlockIntervalSeconds = optionalNumberFlag(flags, 'mean-block-interval-seconds', { min: 0, exclusiveMin: true });
    const subsidySats = blockSubsidySats(height);
    const projection = timeUnixSeconds === undefined ? undefined : projectNextHalving({ height, timeUnixSeconds, meanBlockIntervalSeconds });
    const json = {
      height,
      subsidyBtc: satsToBtc(subsidySats),
      subsidySats,
      halvings: halvingsBefore(height),
      nextHalvingHeight: nextHalvingHeight(height),
      blocksToNextHalving: blocksToNextHalving(height),
      ...(projection && { projectedHalvingDateUtc: projection.projectedDateUtc, meanBlockIntervalSeconds: meanBlockIntervalSeconds ?? 600 }),
    };
    const text = renderKeyValueTable([
      { label: 'height', value: json.height },
      { label: 'subsidy', value: json.subsidyBtc, unit: 'BTC', digits: 10 },
      { label: 'subsidy', value: json.subsidySats, unit: 'sat' },
      { label: 'halvings so far', value: json.halvings },
      { label: 'next halving height', value: json.nextHalvingHeight },
      { label: 'blocks to next halving', value: json.blocksToNextHalving },
      { label: 'projected halving date', value: projection?.projectedDateUtc, unit: `(UTC, at ${json.meanBlockIntervalSeconds ?? 600} s/block)` },
    ]);
    return { json, text };
  },
};
