import { Body, Controller, Get, Param, ParseUUIDPipe, Put, UseGuards } from '@nestjs/common';
import { validateAs } from '@settle/contracts';
import { AdminTokenGuard, ProblemException } from '@settle/service-kit';
import { DataSource } from 'typeorm';
import { VoiceProfileDto, profileProblems } from './voice-profile.dto';
import { VoiceProfileRepository } from './voice-profile.repository';

/** Operator endpoint: a tenant's voice (text-to-speech voice, LLM model and temperature, live-signal rules); the next call uses it. */
@Controller('v1/tenants/:tenantId/voice-profile')
@UseGuards(AdminTokenGuard)
export class VoiceProfileController {
  constructor(
    private readonly profiles: VoiceProfileRepository,
    private readonly dataSource: DataSource,
  ) {}

  @Put()
  async save(@Param('tenantId', new ParseUUIDPipe()) tenantId: string, @Body() body: unknown) {
    const parsed = validateAs(VoiceProfileDto, body);
    const errors = parsed.ok ? profileProblems(parsed.value) : parsed.errors;
    if (!parsed.ok || errors.length > 0) throw new ProblemException(400, 'validation', 'The voice profile is invalid.', { errors });
    const version = await this.profiles.save(this.dataSource.manager, tenantId, parsed.value);
    return { tenantId, version };
  }

  @Get()
  async get(@Param('tenantId', new ParseUUIDPipe()) tenantId: string) {
    return { tenantId, ...(await this.profiles.get(this.dataSource.manager, tenantId)) };
  }
}
