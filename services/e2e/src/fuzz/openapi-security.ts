import { createConfig, lintFromString } from '@redocly/openapi-core';

export interface OpenApiProblem {
  rule: string;
  message: string;
  /** JSON pointer of where the problem is, e.g. #/paths/~1v1~1x/get/security/0/api-key. */
  pointer: string;
}

export interface OpenApiCheck {
  /** Errors: a scheme named but never declared, or a document that is not valid OpenAPI. */
  problems: OpenApiProblem[];
  /** Operations that name no security at all: open by design (probes, open reads), listed, not failed. */
  unsecuredOperations: string[];
}

/**
 * Checks an OpenAPI document with Redocly's rules: `security-defined` (every scheme an operation names
 * is declared in components.securitySchemes) and `struct` (valid OpenAPI). Redocly's rule also flags
 * operations with no security; those are told apart by where they point (the operation, not a
 * requirement inside a `security` list) and returned separately.
 */
export async function checkOpenApi(document: unknown, label = 'openapi.json'): Promise<OpenApiCheck> {
  const config = await createConfig({ rules: { 'security-defined': 'error', struct: 'error' } });
  const found = await lintFromString({ source: JSON.stringify(document), absoluteRef: `/${label}`, config });
  const check: OpenApiCheck = { problems: [], unsecuredOperations: [] };
  for (const p of found.filter((f) => f.severity === 'error')) {
    const pointer = p.location[0]?.pointer ?? '';
    if (p.ruleId === 'security-defined' && !/\/security\/\d+\//.test(pointer)) check.unsecuredOperations.push(pointer);
    else check.problems.push({ rule: p.ruleId, message: p.message, pointer });
  }
  return check;
}
