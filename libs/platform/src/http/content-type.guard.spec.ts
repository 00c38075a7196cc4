import { HttpException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { ContentTypeGate } from './content-type.guard';

function context(method: string, headers: Record<string, string>, consumes?: string[]): ExecutionContext {
  const handler = () => undefined;
  if (consumes) Reflect.defineMetadata(DECORATORS.API_CONSUMES, consumes, handler);
  return {
    getType: () => 'http', getHandler: () => handler, getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => ({ method, headers }) }),
  } as unknown as ExecutionContext;
}

const statusOf = (run: () => boolean): number => {
  try {
    return run() ? 200 : 0;
  } catch (error) {
    return (error as HttpException).getStatus();
  }
};

describe('ContentTypeGate', () => {
  const gate = new ContentTypeGate(new Reflector());
  it('refuses a JSON operation sent text/plain or form data (415), and accepts application/json with a charset', () => {
    expect(statusOf(() => gate.canActivate(context('PATCH', { 'content-length': '12', 'content-type': 'text/plain' })))).toBe(415);
    expect(statusOf(() => gate.canActivate(context('POST', { 'transfer-encoding': 'chunked', 'content-type': 'multipart/form-data; boundary=x' })))).toBe(415);
    expect(statusOf(() => gate.canActivate(context('PATCH', { 'content-length': '12' })))).toBe(415);
    expect(statusOf(() => gate.canActivate(context('PATCH', { 'content-length': '12', 'content-type': 'application/json; charset=utf-8' })))).toBe(200);
  });

  it('follows the media type the operation declares, and ignores requests without a body', () => {
    expect(statusOf(() => gate.canActivate(context('POST', { 'content-length': '9', 'content-type': 'text/csv' }, ['text/csv'])))).toBe(200);
    expect(statusOf(() => gate.canActivate(context('POST', { 'content-length': '9', 'content-type': 'application/json' }, ['text/csv'])))).toBe(415);
    expect(statusOf(() => gate.canActivate(context('POST', { 'content-length': '0' })))).toBe(200);
    expect(statusOf(() => gate.canActivate(context('GET', { 'content-length': '5', 'content-type': 'text/plain' })))).toBe(200);
  });
});
