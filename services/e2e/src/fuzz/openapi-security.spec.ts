import { checkOpenApi } from './openapi-security';

/** A minimal valid OpenAPI 3.0 document whose one operation names `scheme` as its security. */
function documentNaming(scheme: string, declared: Record<string, unknown>) {
  return {
    openapi: '3.0.0',
    info: { title: 'probe', version: '1' },
    paths: {
      '/v1/things': { get: { security: [{ [scheme]: [] }], responses: { '200': { description: 'ok' } } } },
      '/health/live': { get: { responses: { '200': { description: 'ok' } } } },
    },
    components: { securitySchemes: declared },
  };
}

const apiKeyScheme = { type: 'apiKey', in: 'header', name: 'x-api-key' };

describe('OpenAPI security validator', () => {
  it('fails a document whose operation names a security scheme it never declares', async () => {
    const { problems } = await checkOpenApi(documentNaming('api-key', { 'admin-token': apiKeyScheme }));
    expect(problems).toEqual([
      { rule: 'security-defined', message: 'There is no `api-key` security scheme defined.', pointer: '#/paths/~1v1~1things/get/security/0/api-key' },
    ]);
  });

  it('passes the same document once the scheme is declared, listing the operations that name no security', async () => {
    expect(await checkOpenApi(documentNaming('api-key', { 'api-key': apiKeyScheme }))).toEqual({
      problems: [],
      unsecuredOperations: ['#/paths/~1health~1live/get'],
    });
  });

  it('fails a document that is not valid OpenAPI', async () => {
    const broken = { ...documentNaming('api-key', { 'api-key': apiKeyScheme }), paths: { '/v1/things': { get: { responses: 'none' } } } };
    expect((await checkOpenApi(broken)).problems.map((p) => p.rule)).toContain('struct');
  });
});
