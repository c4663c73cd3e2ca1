import { Body, Controller, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { FieldError, LANGUAGE_TAG, TONES, Tone, requestFields, templateSampleErrors, tenantIdErrors } from '@settle/contracts';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import { renderEmail } from '../domain/email-templates';
import { EMAIL_TEMPLATE_VARIABLES, EmailTemplateValues, checkEmailTemplate, checkParts, exampleValues, previewEmailTemplate } from '../domain/tenant-templates';
import { EmailTemplateRepository } from './email-template.repository';

/**
 * Tenant email templates (subject, HTML body fragment, text part): each save a new version,
 * checked before it is stored. The system adds the document, brand header, disclosures, footer and
 * unsubscribe link around them; a command names the template in `template`.
 */
@Controller('v1/tenants/:tenantId/email-templates')
@UseGuards(AdminTokenGuard)
export class EmailTemplateController {
  constructor(private readonly templates: EmailTemplateRepository) {}

  @Put(':name/:language/:tone')
  @HttpCode(201)
  async save(@Param() path: Record<'tenantId' | 'name' | 'language' | 'tone', string>, @Body() input: unknown) {
    const { subject, html, text } = requestFields(input);
    const check = checkEmailTemplate({ ...path, subject, html, text });
    const errors = [...tenantIdErrors(path.tenantId), ...check.errors];
    if (errors.length > 0) throw new ProblemException(400, 'validation', 'The template is invalid.', { errors });
    const version = await this.templates.save(path.tenantId, { ...path, tone: path.tone as Tone, subject: subject as string, html: html as string, text: text as string });
    return { ...path, version, example: check.example, warnings: check.warnings };
  }

  /** The email a template gives, with realistic values overridden by `sample`: parts given here, a stored template by name, or the system's. */
  @Post('preview')
  @HttpCode(200)
  async preview(@Param('tenantId') tenantId: string, @Body() input: unknown) {
    const request = requestFields(input);
    const language = request.language ?? 'en';
    const errors: FieldError[] = [...tenantIdErrors(tenantId), ...templateSampleErrors(request.sample, EMAIL_TEMPLATE_VARIABLES)];
    if (typeof language !== 'string' || !LANGUAGE_TAG.test(language)) errors.push({ field: 'language', problem: 'must be a language tag such as de or de-AT' });
    const given = request.subject !== undefined || request.html !== undefined || request.text !== undefined;
    if (given) errors.push(...checkParts({ subject: request.subject, html: request.html, text: request.text }).errors);
    else {
      if (typeof request.name !== 'string') errors.push({ field: 'name', problem: 'give subject, html and text, or the name of a stored template' });
      if (!(TONES as readonly unknown[]).includes(request.tone)) errors.push({ field: 'tone', problem: `must be one of ${TONES.join(', ')}` });
    }
    if (errors.length > 0) throw new ProblemException(400, 'validation', 'The preview request is invalid.', { errors });
    const sample = (request.sample ?? {}) as Partial<EmailTemplateValues>;
    const lang = language as string;
    if (given) return { source: 'request', language: lang, ...previewEmailTemplate(request as { subject: string; html: string; text: string }, lang, sample) };
    const stored = await this.templates.resolve(tenantId, request.name as string, lang, request.tone as Tone);
    if (stored) return { source: 'tenant', language: stored.language, version: stored.version, ...previewEmailTemplate(stored, stored.language, sample) };
    return { source: 'system', ...systemPreview(lang, request.tone as Tone, sample) };
  }
}

function systemPreview(language: string, tone: Tone, sample: Partial<EmailTemplateValues>) {
  const v = { ...exampleValues(language), ...sample };
  const rendered = renderEmail(
    {
      language, tone, firstName: v.firstName, brandName: v.brand, merchantName: v.merchant, orderRef: v.orderRef, amountDue: { amountMinor: 123456, currency: 'EUR' },
      dueDate: '2026-09-28', paymentLink: { code: 'AbCdEfGh1234', url: v.link }, disclosures: [],
    },
    { pay: v.link, unsubscribe: 'https://settle.example/v1/email/unsubscribe/preview' },
  );
  if (!rendered.ok) throw new ProblemException(400, 'validation', 'The preview request is invalid.', { errors: [{ field: 'sample', problem: rendered.reason }] });
  return { language: rendered.language, subject: rendered.subject, html: rendered.html, text: rendered.text };
}
