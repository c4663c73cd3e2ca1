import { Inject, MiddlewareConsumer, Module, NestModule, OnApplicationShutdown, RequestMethod } from '@nestjs/common';
import { SERVICE_CONFIG, ServiceDefinition } from '@settle/service-kit';
import express from 'express';
import { SmsCommandsConsumer } from './delivery/sms-commands.consumer';
import { SmsDeliveryService } from './delivery/sms-delivery.service';
import { SMS_PROVIDER } from './delivery/sms-provider';
import { SnsSmsProvider } from './delivery/sns-sms.provider';
import { SmsTables1732500000300 } from './migrations/1732500000300-sms-tables';
import { TenantRowSecurity1732500000903 } from './migrations/1732500000903-tenant-row-security';
import { SmsTemplates1732500000301 } from './migrations/1732500000301-sms-templates';
import { SmsReplies1732500000302 } from './migrations/1732500000302-sms-replies';
import { SmsGate1732500000303 } from './migrations/1732500000303-sms-gate';
import { SmsReceipts1732500000304 } from './migrations/1732500000304-sms-receipts';
import { SmsReceiptController } from './receipts/sms-receipt.controller';
import { SmsReceiptService } from './receipts/sms-receipt.service';
import { InboundTokenGuard } from './replies/inbound-token.guard';
import { SmsInboundController } from './replies/sms-inbound.controller';
import { SmsReplyService } from './replies/sms-reply.service';
import { SmsConfig } from './sms.config';
import { SmsTemplateController } from './templates/sms-template.controller';
import { SmsTemplateRepository } from './templates/sms-template.repository';

export const SMS_SERVICE: ServiceDefinition<SmsConfig> = {
  name: 'sms',
  config: SmsConfig,
  migrations: [SmsTables1732500000300, SmsTemplates1732500000301, SmsReplies1732500000302, SmsGate1732500000303, SmsReceipts1732500000304, TenantRowSecurity1732500000903],
};

@Module({
  controllers: [SmsCommandsConsumer, SmsTemplateController, SmsInboundController, SmsReceiptController],
  providers: [
    SmsDeliveryService,
    SmsTemplateRepository,
    SmsReplyService,
    SmsReceiptService,
    InboundTokenGuard,
    {
      provide: SMS_PROVIDER,
      inject: [SERVICE_CONFIG],
      useFactory: (config: SmsConfig) =>
        new SnsSmsProvider({
          region: config.AWS_REGION,
          endpoint: config.SNS_ENDPOINT,
          timeoutMs: config.SNS_TIMEOUT_MS,
          maxAttempts: config.SNS_MAX_ATTEMPTS,
          smsType: config.SMS_TYPE,
        }),
    },
  ],
})
export class SmsModule implements NestModule, OnApplicationShutdown {
  constructor(@Inject(SMS_PROVIDER) private readonly provider: SnsSmsProvider) {}

  /** SNS posts its notifications as text/plain, which the service's JSON parser leaves alone. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(express.text({ type: 'text/plain', limit: '64kb' }))
      .forRoutes({ path: 'v1/sms/inbound', method: RequestMethod.POST }, { path: 'v1/sms/delivery-status', method: RequestMethod.POST });
  }

  onApplicationShutdown(): void {
    this.provider.destroy();
  }
}
