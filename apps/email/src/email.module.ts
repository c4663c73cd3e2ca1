import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG, ServiceDefinition } from '@settle/service-kit';
import { EmailCommandsConsumer } from './delivery/email-commands.consumer';
import { EmailDeliveryService } from './delivery/email-delivery.service';
import { EMAIL_TRANSPORT, EmailTransport } from './delivery/email-transport';
import { SmtpEmailTransport } from './delivery/smtp-email.transport';
import { EmailConfig } from './email.config';
import { EmailFeedbackController } from './links/email-feedback.controller';
import { EmailLinksController } from './links/email-links.controller';
import { EmailSignalsService } from './links/email-signals.service';
import { EmailTables1732500000600 } from './migrations/1732500000600-email-tables';
import { TenantRowSecurity1732500000904 } from './migrations/1732500000904-tenant-row-security';
import { EmailGateSuppression1732500000601 } from './migrations/1732500000601-email-gate-suppression';
import { EmailTemplates1732500000602 } from './migrations/1732500000602-email-templates';
import { EmailTemplateController } from './templates/email-template.controller';
import { EmailTemplateRepository } from './templates/email-template.repository';

export { EmailConfig } from './email.config';

export const EMAIL_SERVICE: ServiceDefinition<EmailConfig> = {
  name: 'email',
  config: EmailConfig,
  migrations: [EmailTables1732500000600, EmailGateSuppression1732500000601, EmailTemplates1732500000602, TenantRowSecurity1732500000904],
};

@Module({
  controllers: [EmailCommandsConsumer, EmailLinksController, EmailFeedbackController, EmailTemplateController],
  providers: [
    EmailDeliveryService,
    EmailSignalsService,
    EmailTemplateRepository,
    {
      provide: EMAIL_TRANSPORT,
      inject: [SERVICE_CONFIG],
      useFactory: (config: EmailConfig) => new SmtpEmailTransport({ url: config.SMTP_URL, timeoutMs: config.SMTP_TIMEOUT_MS }),
    },
  ],
})
export class EmailModule implements OnApplicationShutdown {
  constructor(@Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport) {}

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
