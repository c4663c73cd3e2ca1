import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { VoiceProfile, VoiceProfileDto } from './voice-profile.dto';

interface ProfileRow {
  tts_voice: string | null;
  llm_model: string | null;
  llm_temperature: number | null;
  signal_rules: VoiceProfile['signalRules'];
  version: number;
}

const NO_PROFILE: VoiceProfile = { signalRules: [], version: 0 };

@Injectable()
export class VoiceProfileRepository {
  async get(tx: EntityManager, tenantId: string): Promise<VoiceProfile> {
    const rows: ProfileRow[] = await tx.query('SELECT tts_voice, llm_model, llm_temperature, signal_rules, version FROM voice_tenant_profile WHERE tenant_id = $1', [tenantId]);
    const row = rows[0];
    if (!row) return NO_PROFILE;
    return {
      ...(row.tts_voice ? { ttsVoice: row.tts_voice } : {}),
      ...(row.llm_model ? { llmModel: row.llm_model } : {}),
      ...(row.llm_temperature !== null ? { llmTemperature: Number(row.llm_temperature) } : {}),
      signalRules: row.signal_rules,
      version: row.version,
    };
  }

  async save(tx: EntityManager, tenantId: string, dto: VoiceProfileDto): Promise<number> {
    const rows: { version: number }[] = await tx.query(
      `INSERT INTO voice_tenant_profile (tenant_id, tts_voice, llm_model, llm_temperature, signal_rules) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET tts_voice = EXCLUDED.tts_voice, llm_model = EXCLUDED.llm_model, llm_temperature = EXCLUDED.llm_temperature,
         signal_rules = EXCLUDED.signal_rules, version = voice_tenant_profile.version + 1, updated_at = now()
       RETURNING version`,
      [tenantId, dto.ttsVoice ?? null, dto.llmModel ?? null, dto.llmTemperature ?? null, JSON.stringify((dto.signalRules ?? []).map(({ cue, action }) => ({ cue, action })))],
    );
    return rows[0].version;
  }
}
