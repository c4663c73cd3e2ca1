import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { LENDER_EVENT_TYPES } from '@settle/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceKitModule } from '@settle/service-kit';
import { INGEST_SERVICE, IngestModule } from '../ingest.module';

/** Where `npm run openapi:generate` writes the document; checked in, and checked to be current by a unit test. */
export const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi.json');
/** The lender event schema the contracts generator writes; the webhook's body in the document. */
const LENDER_EVENT_SCHEMA = join(__dirname, '..', '..', '..', '..', 'libs', 'contracts', 'schemas', 'lender-event.v1.json');

const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDto' };
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: PROBLEM_REF } } });

/**
 * The OpenAPI 3 document of ingest's whole HTTP surface, built from the controllers' metadata
 * (Nest in preview mode: nothing is instantiated, nothing connects). Routes whose controllers
 * read raw requests (the lender webhook, the pay page) get their contract added here.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  // The service as startService assembles it (health and metrics included); preview mode resolves the graph but runs no factory.
  @Module({ imports: [ServiceKitModule.forRoot(INGEST_SERVICE, { env: { KAFKA_BROKERS: '127.0.0.1:9092', ADMIN_TOKEN: 'x'.repeat(24) } }), IngestModule] })
  class IngestDocumentRoot {}
  const app: INestApplication = await NestFactory.create(IngestDocumentRoot, { preview: true, logger: false, abortOnError: false });
  try {
    const config = new DocumentBuilder()
      .setTitle('Settle ingest API')
      .setDescription(
        [
          "Settle's public HTTP edge: the lender webhook, the case and account API, tenant administration.",
          'Errors are RFC 9457 `application/problem+json`; a bad field is named in `errors[].field`.',
          'Lists are cursor-paginated: pass `nextCursor` back as `cursor` (or follow `next`) until it is null.',
          "Every id is scoped to the API key's tenant: another tenant's id is answered 404.",
        ].join('\n\n'),
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A tenant API key (`Authorization: Bearer <key>`) with the scopes the operation names.' }, 'apiKey')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: "The operator's ADMIN_TOKEN." }, 'adminToken')
      .build();
    const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
    addRawContracts(document);
    dropUnreferencedSchemas(document);
    return canonical(document) as OpenAPIObject;
  } finally {
    await app.close();
  }
}

export function renderOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function readCheckedInOpenApi(): string {
  return readFileSync(OPENAPI_FILE, 'utf8');
}

function addRawContracts(document: OpenAPIObject): void {
  const webhook = document.paths['/v1/webhooks/lender-events']?.post;
  if (webhook) {
    Object.assign(webhook, {
      tags: ['lender webhook'],
      summary: 'A lender event (instalment missed, payment received, dispute, account updated, hardship, account closed), signed.',
      description:
        'Body: one lender event as `application/json` (at most 64 KiB), told apart by `type` (the same schema as libs/contracts/schemas/lender-event.v1.json). ' +
        'Unknown fields are ignored and not stored. Sign with `Settle-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` ' +
        '(the client SDK has `signPayload`); timestamps more than 300 s off are refused. The same Idempotency-Key with the same body replays the first answer.',
      parameters: [
        { name: 'Settle-Tenant-Id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
        { name: 'Settle-Signature', in: 'header', required: true, schema: { type: 'string', example: 't=1772445600,v1=5257a869…' } },
        { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 200 } },
      ],
      requestBody: lenderEventRequestBody(document),
      responses: {
        '202': {
          description: 'Accepted (or a duplicate lender eventId, accepted once).',
          content: { 'application/json': { schema: { type: 'object', properties: { status: { type: 'string', enum: ['accepted', 'duplicate'] }, eventIds: { type: 'array', items: { type: 'string', format: 'uuid' } } } } } },
        },
        '400': problem('Malformed JSON or invalid fields, each named.'),
        '401': problem('Unknown tenant, missing, malformed, stale or wrong signature.'),
        '409': problem('The Idempotency-Key was used with another body.'),
        '413': problem('The body exceeds 64 KiB.'),
        '415': problem('The body is not application/json.'),
      },
    });
  }
  for (const [path, item] of Object.entries(document.paths)) {
    if (path.startsWith('/p/')) {
      for (const op of Object.values(item)) if (op && typeof op === 'object' && 'responses' in op) (op as { tags?: string[] }).tags = ['pay page'];
    }
    if (path.startsWith('/v1/admin/')) {
      for (const op of Object.values(item)) {
        if (op && typeof op === 'object' && 'responses' in op) {
          const operation = op as { tags?: string[]; security?: unknown[] };
          operation.tags ??= ['tenant admin'];
          if (operation.tags.length === 0) operation.tags = ['tenant admin'];
          operation.security ??= [{ adminToken: [] }, { apiKey: [] }];
        }
      }
    }
  }
}

/**
 * The lender event schema, generated from the contract classes (libs/contracts/schemas), as the
 * webhook's request body: its definitions become components, `const` becomes a one-value enum
 * (OpenAPI 3.0), and `type` is the discriminator.
 */
function lenderEventRequestBody(document: OpenAPIObject): object {
  const schema = JSON.parse(readFileSync(LENDER_EVENT_SCHEMA, 'utf8')) as { $defs: Record<string, unknown>; oneOf: { $ref: string }[]; examples?: unknown[] };
  const nameOf = (def: string) => (def.startsWith('Lender') ? def : `Lender${def}`);
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.$ref = `#/components/schemas/${nameOf(v.replace('#/$defs/', ''))}`;
      else if (k === 'const') out.enum = [v];
      else out[k] = rewrite(v);
    }
    return out;
  };
  document.components ??= {};
  document.components.schemas ??= {};
  const mapping: Record<string, string> = {};
  for (const [def, body] of Object.entries(schema.$defs)) {
    const rewritten = rewrite(body) as { properties?: { type?: { enum?: string[] } } };
    document.components.schemas[nameOf(def)] = rewritten;
    const type = rewritten.properties?.type?.enum?.[0];
    if (type && (LENDER_EVENT_TYPES as readonly string[]).includes(type)) mapping[type] = `#/components/schemas/${nameOf(def)}`;
  }
  const examples = Object.fromEntries(
    (schema.examples ?? []).map((example) => [String((example as { type?: string }).type ?? 'example').replace(/\./g, '_'), { value: example }]),
  );
  return {
    required: true,
    content: {
      'application/json': {
        schema: { oneOf: schema.oneOf.map(rewrite), discriminator: { propertyName: 'type', mapping } },
        examples,
      },
    },
  };
}

/** Schemas Nest picked up from non-HTTP handlers (Kafka payload types) that no operation uses. */
function dropUnreferencedSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  for (;;) {
    const text = JSON.stringify({ paths: document.paths, schemas });
    const unused = Object.keys(schemas).filter((name) => !text.includes(`"#/components/schemas/${name}"`));
    if (unused.length === 0) return;
    for (const name of unused) delete schemas[name];
  }
}

/** Keys sorted, so the checked-in file changes only when the API does. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}
