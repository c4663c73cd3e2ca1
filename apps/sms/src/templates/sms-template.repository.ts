import { Injectable } from '@nestjs/common';
import type { Tone } from '@settle/contracts';
import { ProblemException } from '@settle/service-kit';
import { DataSource } from 'typeorm';
import { TemplateChoice, tenantTemplateLanguages } from '../domain/sms-templates';

export interface TenantTemplate extends TemplateChoice {
  version: number;
}

@Injectable()
export class SmsTemplateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the next version; two saves racing for the same number get one 409. */
  async save(tenantId: string, t: { name: string; language: string; tone: Tone; body: string; jurisdictions: string[] }): Promise<number> {
    try {
      const [row] = await this.dataSource.query(
        `INSERT INTO sms_template (tenant_id, name, language, tone, version, body, jurisdictions)
         SELECT $1, $2, $3, $4, COALESCE(MAX(version), 0) + 1, $5, $6 FROM sms_template
          WHERE tenant_id = $1 AND name = $2 AND language = $3 AND tone = $4
         RETURNING version`,
        [tenantId, t.name, t.language, t.tone, t.body, t.jurisdictions],
      );
      return row.version;
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ProblemException(409, 'conflict', 'Another save of this template happened at the same time; try again.');
      throw error;
    }
  }

  /** The tenant's latest template for the debtor's language, else its base language, else English. */
  async resolve(tenantId: string, name: string, language: string, tone: Tone): Promise<TenantTemplate | undefined> {
    const languages = tenantTemplateLanguages(language);
    const rows: { language: string; version: number; body: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (language) language, version, body FROM sms_template
        WHERE tenant_id = $1 AND name = $2 AND tone = $3 AND language = ANY($4)
        ORDER BY language, version DESC`,
      [tenantId, name, tone, languages],
    );
    for (const candidate of languages) {
      const row = rows.find((r) => r.language === candidate);
      if (row) return row;
    }
    return undefined;
  }
}
