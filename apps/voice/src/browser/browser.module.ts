import { Module } from '@nestjs/common';
import { TalkController } from './talk.controller';
import { TalkSessions } from './talk-sessions';

/** The browser channel: the talk-to-the-agent page and its practice calls. */
@Module({ controllers: [TalkController], providers: [TalkSessions] })
export class BrowserModule {}
