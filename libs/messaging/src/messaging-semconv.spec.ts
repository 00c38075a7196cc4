import * as local from './messaging-semconv';

describe('the messaging semantic conventions copied from @opentelemetry/semantic-conventions/incubating', () => {
  it('given the installed package, when each copied constant is looked up there, then it has the same value', () => {
    const incubating = require('@opentelemetry/semantic-conventions/incubating') as Record<string, string>;
    for (const [name, value] of Object.entries(local)) {
      expect({ name, value: incubating[name] }).toEqual({ name, value });
    }
  });
});
