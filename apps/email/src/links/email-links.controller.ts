import { Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ProblemException } from '@settle/service-kit';
import type { Response } from 'express';
import { unsubscribeConfirmPage, unsubscribedPage } from '../domain/unsubscribe-page';
import { EmailSignalsService } from './email-signals.service';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * The debtor-facing links in every email. Tokens are signed per step and purpose; a bad one
 * answers 404 whatever was wrong with it. Nothing here takes a URL from the request.
 */
@Controller('v1/email')
export class EmailLinksController {
  constructor(private readonly signals: EmailSignalsService) {}

  @Get('o/:file')
  async open(@Param('file') file: string, @Res() res: Response): Promise<void> {
    const row = file.endsWith('.gif') ? await this.signals.byToken('open', file.slice(0, -4)) : undefined;
    if (!row?.tracking) throw notFound();
    await this.signals.record(row, { kind: 'opened' });
    res.status(200).type('image/gif').setHeader('Cache-Control', 'no-store, max-age=0');
    res.send(PIXEL);
  }

  /** Redirects to the payment link stored for the step, never to a URL from the request. */
  @Get('c/:token')
  async click(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const row = await this.signals.byToken('click', token);
    if (!row?.tracking || !/^https?:\/\//i.test(row.payment_url)) throw notFound();
    await this.signals.record(row, { kind: 'clicked' });
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, row.payment_url);
  }

  /** Opening the link changes nothing (mail scanners follow links): the page's button POSTs. */
  @Get('unsubscribe/:token')
  async confirm(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const row = await this.signals.byToken('unsubscribe', token);
    if (!row) throw notFound();
    res.status(200).type('html').setHeader('Cache-Control', 'no-store');
    res.send(unsubscribeConfirmPage(row.language, row.brand_name));
  }

  /**
   * RFC 8058 one-click: the mailbox provider POSTs `List-Unsubscribe=One-Click` with no cookies or
   * credentials, so the signed token alone authorises it; the body is not needed. Idempotent.
   */
  @Post('unsubscribe/:token')
  async unsubscribe(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const row = await this.signals.byToken('unsubscribe', token);
    if (!row) throw notFound();
    await this.signals.record(row, { kind: 'unsubscribed' });
    res.status(200).type('html').setHeader('Cache-Control', 'no-store');
    res.send(unsubscribedPage(row.language));
  }
}

function notFound(): ProblemException {
  return new ProblemException(404, 'not-found', 'This link is not valid.');
}
