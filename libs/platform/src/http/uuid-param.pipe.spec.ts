import { UuidParamPipe } from './uuid-param.pipe';

describe('UuidParamPipe', () => {
  it('passes a UUID and refuses anything else, naming the parameter', () => {
    const id = '3f0e8a52-5d53-4f4e-9a55-0f4b2a1c9d10';
    expect(new UuidParamPipe('4').transform(id, { type: 'param', data: 'entryId' })).toBe(id);
    expect(() => new UuidParamPipe('4').transform('not-a-uuid', { type: 'param', data: 'entryId' })).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ violations: [{ field: 'entryId', rule: 'isUuid', message: 'must be a UUID (version 4)' }] }) }),
    );
  });
});
