import { Injectable } from '@nestjs/common';
import type { Tone } from '@settle/contracts';
import { ProblemException } from '@settle/service-kit';
import { DataSource } from 'typeorm';
import { EmailTemplateParts, TenantEmailTemplate, tenantTemplateLanguages } from '../domain/tenant-templates';

export interface StoredEmailTemplate extends TenantEmailTemplate {
  version: number;
}

@Injectable()
export class EmailTemplateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the next version; two saves racing for the same number get one 409. */
  async save(tenantId: string, t: { name: string; language: string; tone: Tone } & EmailTemplateParts): Promise<number> {
    try {
      const [row] = await this.dataSource.query(
        `INSERT INTO email_template (tenant_id, name, language, tone, version, subject, html, text_part)
         SELECT $1, $2, $3, $4, COALESCE(MAX(version), 0) + 1, $5, $6, $7 FROM email_template
          WHERE tenant_id = $1 AND name = $2 AND language = $3 AND tone = $4
         RETURNING version`,
        [tenantId, t.name, t.language, t.tone, t.subject, t.html, t.text],
      );
      return row.version;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ProblemException(409, 'conflict', 'Another save of this template happened at the same time; try again.');
      throw error;
    }
  }

  /** The tenant's latest template for the debtor's language, else its base language, else the tenant default (en). */
  async resolve(tenantId: string, name: string, language: string, tone: Tone): Promise<StoredEmailTemplate | undefined> {
    const languages = tenantTemplateLanguages(language);
    const rows: { language: string; version: number; subject: string; html: string; text_part: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (language) language, version, subject, html, text_part FROM email_template
        WHERE tenant_id = $1 AND name = $2 AND tone = $3 AND language = ANY($4)
        ORDER BY language, version DESC`,
      [tenantId, name, tone, languages],
    );
    for (const candidate of languages) {
      const row = rows.find((r) => r.language === candidate);
      if (row) return { language: row.language, version: row.version, subject: row.subject, html: row.html, text: row.text_part };
    }
    return undefined;
  }
}
