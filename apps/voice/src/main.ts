import 'reflect-metadata';
import { runService } from '@settle/service-kit';
import { VOICE_SERVICE, VoiceModule } from './voice.module';

runService(VOICE_SERVICE, VoiceModule);
