import { buildOpenApiDocument, readCheckedInOpenApi, renderOpenApi } from './openapi';

describe('the OpenAPI document of ingest', () => {
  let built: string;
  let document: Awaited<ReturnType<typeof buildOpenApiDocument>>;

  beforeAll(async () => {
    document = await buildOpenApiDocument();
    built = renderOpenApi(document);
  }, 60_000);

  it('is checked in as apps/ingest/openapi.json and current (run `npm run openapi:generate` after changing a route)', () => {
    expect(readCheckedInOpenApi()).toBe(built);
  });

  it('is OpenAPI 3 and covers the public API, the lender webhook and tenant admin', () => {
    expect(document.openapi).toMatch(/^3\./);
    const operations = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /v1/cases',
        'GET /v1/cases/{caseId}',
        'POST /v1/cases/{caseId}/actions/{action}',
        'GET /v1/accounts/{accountId}',
        'GET /v1/accounts/{accountId}/contact-preferences',
        'PUT /v1/accounts/{accountId}/contact-preferences',
        'POST /v1/webhooks/lender-events',
        'POST /v1/admin/tenants',
      ]),
    );
  });

  it('documents every error of the public API as application/problem+json and every public operation as needing an API key', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      if (!/^\/v1\/(cases|accounts)/.test(path)) continue;
      for (const operation of Object.values(item) as { responses: Record<string, { content?: Record<string, unknown> }>; security?: unknown[] }[]) {
        expect(operation.security).toEqual([{ apiKey: [] }]);
        const errors = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
        expect(errors.length).toBeGreaterThan(0);
        for (const [, response] of errors) expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
      }
    }
    expect(Object.keys(document.paths['/v1/cases/{caseId}/actions/{action}'].post!.responses)).toContain('409');
  });
});
