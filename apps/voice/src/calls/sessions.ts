import { openSession } from '../conversation';
import type { SessionFactory } from './live-calls';

/** The conversation of each answered phone call: the conversation module's session with its default (offline) engine, on the service clock. */
export const conversationSessions: SessionFactory = (brief, tools, now) => openSession(brief, tools, undefined, { now });
