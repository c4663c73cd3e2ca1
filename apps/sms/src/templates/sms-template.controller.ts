import { Body, Controller, HttpCode, Inject, Param, Post, Put, UseGuards } from '@nestjs/common';
import { FieldError, LANGUAGE_TAG, TONES, Tone, requestFields, templateSampleErrors, tenantIdErrors } from '@settle/contracts';
import { AdminTokenGuard, ProblemException, SERVICE_CONFIG } from '@settle/service-kit';
import { TEMPLATE_VARIABLES, TemplateValues, defaultTemplate, shippedLanguageFor } from '../domain/sms-templates';
import { checkBody, checkTemplate, preview } from '../domain/template-validation';
import { SmsConfig } from '../sms.config';
import { SmsTemplateRepository } from './sms-template.repository';

/** Tenant SMS templates: each save a new version, checked before it is stored. */
@Controller('v1/tenants/:tenantId/sms-templates')
@UseGuards(AdminTokenGuard)
export class SmsTemplateController {
  constructor(
    private readonly templates: SmsTemplateRepository,
    @Inject(SERVICE_CONFIG) private readonly config: SmsConfig,
  ) {}

  @Put(':name/:language/:tone')
  @HttpCode(201)
  async save(@Param() path: Record<'tenantId' | 'name' | 'language' | 'tone', string>, @Body() input: unknown) {
    const { body, jurisdictions = [] } = requestFields(input);
    const check = checkTemplate({ ...path, body, jurisdictions }, this.config.SMS_MAX_SEGMENTS);
    const errors = [...tenantIdErrors(path.tenantId), ...check.errors];
    if (errors.length > 0) throw new ProblemException(400, 'validation', 'The template is invalid.', { errors, ...(check.example ? { example: check.example } : {}) });
    const version = await this.templates.save(path.tenantId, { ...path, tone: path.tone as Tone, body: body as string, jurisdictions: jurisdictions as string[] });
    return { ...path, version, jurisdictions, example: check.example, warnings: check.warnings };
  }

  /** The text a template gives, with realistic values overridden by `sample`: a body given here, or a stored one by name. */
  @Post('preview')
  @HttpCode(200)
  async preview(@Param('tenantId') tenantId: string, @Body() input: unknown) {
    const request = requestFields(input);
    const language = request.language ?? 'en';
    const errors: FieldError[] = [...tenantIdErrors(tenantId), ...templateSampleErrors(request.sample, TEMPLATE_VARIABLES)];
    if (typeof language !== 'string' || !LANGUAGE_TAG.test(language)) errors.push({ field: 'language', problem: 'must be a language tag such as de or de-AT' });
    if (request.body !== undefined) errors.push(...checkBody(request.body).errors);
    else {
      if (typeof request.name !== 'string') errors.push({ field: 'name', problem: 'give a template body, or the name of a stored template' });
      if (!(TONES as readonly unknown[]).includes(request.tone)) errors.push({ field: 'tone', problem: `must be one of ${TONES.join(', ')}` });
    }
    if (errors.length > 0) throw new ProblemException(400, 'validation', 'The preview request is invalid.', { errors });

    const { body, ...chosen } = await this.choose(tenantId, request as { body?: string; name: string; tone: Tone }, language as string);
    const size = preview(body, chosen.language, request.sample as Partial<TemplateValues>);
    return { ...size, fits: size.segments <= this.config.SMS_MAX_SEGMENTS, maxSegments: this.config.SMS_MAX_SEGMENTS, ...chosen };
  }

  private async choose(tenantId: string, request: { body?: string; name: string; tone: Tone }, language: string) {
    if (request.body !== undefined) return { source: 'request' as const, body: request.body, language };
    const stored = await this.templates.resolve(tenantId, request.name, language, request.tone);
    if (stored) return { source: 'tenant' as const, ...stored };
    return { source: 'system' as const, body: defaultTemplate(language, request.tone, request.name), language: shippedLanguageFor(language) };
  }
}
