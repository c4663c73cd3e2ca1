import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { SERVICE_CONFIG, ServiceDefinition } from '@settle/service-kit';
import { SmsCommandsConsumer } from './delivery/sms-commands.consumer';
import { SmsDeliveryService } from './delivery/sms-delivery.service';
import { SMS_PROVIDER } from './delivery/sms-provider';
import { SnsSmsProvider } from './delivery/sns-sms.provider';
import { SmsTables1732500000300 } from './migrations/1732500000300-sms-tables';
import { SmsConfig } from './sms.config';

export const SMS_SERVICE: ServiceDefinition<SmsConfig> = {
  name: 'sms',
  config: SmsConfig,
  migrations: [SmsTables1732500000300],
};

@Module({
  controllers: [SmsCommandsConsumer],
  providers: [
    SmsDeliveryService,
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
export class SmsModule implements OnApplicationShutdown {
  constructor(@Inject(SMS_PROVIDER) private readonly provider: SnsSmsProvider) {}

  onApplicationShutdown(): void {
    this.provider.destroy();
  }
}
