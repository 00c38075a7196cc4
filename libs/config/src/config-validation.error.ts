export interface ConfigProblem {
  variable: string;
  rule: string;
}

/** Start-up configuration is wrong: each problem names the environment variable and the rule it breaks. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.rule}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}
