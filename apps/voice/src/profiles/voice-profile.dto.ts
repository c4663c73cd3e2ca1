import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CUES, type Cue, type SignalRule } from '../conversation/ports';

export const SIGNAL_ACTIONS = ['escalate', 'pause', 'end_call', 'continue'] as const;

class SignalRuleDto implements SignalRule {
  @IsIn(CUES)
  cue!: Cue;

  @IsIn(SIGNAL_ACTIONS)
  action!: SignalRule['action'];
}

/** A tenant's voice: how the agent sounds, which model speaks for it, and what live signals do. */
export class VoiceProfileDto {
  /** The provider's text-to-speech voice (Telnyx: `female`, `male`, `Polly.<Name>`, `Azure.<Name>`…). Unset: VOICE_TTS_VOICE. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'ttsVoice must be a voice name such as female or Polly.Vicki-Neural' })
  ttsVoice?: string;

  /** Model of the service's OpenAI-compatible endpoint for this tenant's calls. Unset: VOICE_LLM_MODEL. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  llmModel?: string;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(2)
  llmTemperature?: number;

  /** What each live cue does; a cue not listed keeps the built-in rule (bereavement and vulnerability escalate, a bot ends the call). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CUES.length)
  @ValidateNested({ each: true })
  @Type(() => SignalRuleDto)
  signalRules?: SignalRuleDto[];
}

export interface VoiceProfile {
  ttsVoice?: string;
  llmModel?: string;
  llmTemperature?: number;
  signalRules: SignalRule[];
  version: number;
}

/** Problems no single field shows: a cue given two rules. */
export function profileProblems(dto: VoiceProfileDto): { field: string; problem: string }[] {
  const seen = new Set<string>();
  const problems: { field: string; problem: string }[] = [];
  (dto.signalRules ?? []).forEach((r, i) => {
    if (seen.has(r.cue)) problems.push({ field: `signalRules[${i}].cue`, problem: `${r.cue} has a rule already` });
    seen.add(r.cue);
  });
  return problems;
}
