import { BadRequestException } from '@nestjs/common';
import { InputShapePipe, MAX_INPUT_DEPTH } from './input-shape.pipe';

const pipe = new InputShapePipe();
const body = { type: 'body' as const };
const violationsOf = (value: unknown, meta: { type: 'body' | 'query'; data?: string } = body) => {
  try {
    pipe.transform(value, meta);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { violations: Array<{ field: string; rule: string }> }).violations;
  }
};

describe('InputShapePipe', () => {
  it('given JSON nested 5,000 deep, when checked, then it is refused before validation, naming the depth rule', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5_000; i += 1) deep = { a: deep };
    const [violation] = violationsOf(deep);
    expect(violation).toMatchObject({ rule: 'maxDepth' });
    expect(violation.field.split('.')).toHaveLength(MAX_INPUT_DEPTH);
  });

  it('given a NUL or a lone surrogate in a value or a key, when checked, then the field the client sent is named', () => {
    expect(violationsOf({ name: 'desk\u0000a' })).toEqual([expect.objectContaining({ field: 'name', rule: 'wellFormedString' })]);
    expect(violationsOf({ rules: [{ note: 'x\uD800' }] })).toEqual([expect.objectContaining({ field: 'rules[0].note', rule: 'wellFormedString' })]);
    expect(violationsOf({ 'bad\u0000key': 1 })).toEqual([expect.objectContaining({ rule: 'wellFormedKey' })]);
    expect(violationsOf('1\u0000', { type: 'query', data: 'limit' })).toEqual([expect.objectContaining({ field: 'limit' })]);
  });

  it('given a key __proto__, constructor or prototype at any depth, when checked, then it is refused naming it (class-transformer drops such keys unseen, so forbidNonWhitelisted never refused them)', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(violationsOf(JSON.parse(`{"priceUsd":1,"${key}":{"a":1}}`))).toEqual([expect.objectContaining({ field: key, rule: 'reservedKey' })]);
      expect(violationsOf(JSON.parse(`{"rule":{"${key}":1}}`))).toEqual([expect.objectContaining({ field: `rule.${key}`, rule: 'reservedKey' })]);
    }
  });

  it('given ordinary input with emoji (surrogate pairs) and nesting within the limit, when checked, then it passes unchanged', () => {
    const value = { name: 'desk 🚀', nested: { list: [1, 'two', { three: null }] } };
    expect(pipe.transform(value, body)).toBe(value);
  });
});

describe('InputShapePipe on a body that is not an object', () => {
  class Dto {}
  it.each([[null, 'null'], [42, 'number'], ['text', 'string'], [true, 'boolean']])('refuses a JSON body of %p, naming the body', (value, kind) => {
    expect(() => new InputShapePipe().transform(value, { type: 'body', metatype: Dto, data: undefined })).toThrow(
      expect.objectContaining({ response: expect.objectContaining({ violations: [{ field: '(body)', rule: 'isObject', message: `must be a JSON object, not ${kind}` }] }) }),
    );
  });
  it('lets a raw body through when the handler takes a string', () => {
    expect(new InputShapePipe().transform('a,b\n1,2', { type: 'body', metatype: String, data: undefined })).toBe('a,b\n1,2');
  });
});
