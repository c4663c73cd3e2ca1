import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { buildOpenApiDocument, OPENAPI_FILE, renderOpenApi } from '../apps/ingest/src/api/openapi';

/** `npm run openapi:generate`: writes ingest's OpenAPI 3 document; CI fails when the checked-in file is stale. */
async function main(): Promise<void> {
  const document = await buildOpenApiDocument();
  writeFileSync(OPENAPI_FILE, renderOpenApi(document));
  console.log(`wrote ${relative(process.cwd(), OPENAPI_FILE)} (${Object.keys(document.paths).length} paths)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
