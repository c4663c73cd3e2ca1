import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readCheckedInOpenApi } from './openapi';

const UI_ASSETS = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png']);

/**
 * `/docs`: the OpenAPI document (the checked-in apps/ingest/openapi.json, which a unit test keeps
 * equal to what the controllers declare) and Swagger UI over it.
 */
@ApiExcludeController()
@Controller('docs')
export class DocsController {
  private document?: string;

  @Get('openapi.json')
  @Header('content-type', 'application/json; charset=utf-8')
  @Header('cache-control', 'no-cache')
  openapi(): string {
    this.document ??= readCheckedInOpenApi();
    return this.document;
  }

  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  ui(): string {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Settle ingest API</title><link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#ui' });</script></body></html>`;
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!UI_ASSETS.has(file)) throw new NotFoundException();
    const root = dirname(require.resolve('swagger-ui-dist/package.json'));
    res.type(file.split('.').pop()!).setHeader('cache-control', 'public, max-age=86400').send(readFileSync(join(root, file)));
  }
}
