import 'reflect-metadata';
import { runService } from '@settle/service-kit';
import { SMS_SERVICE, SmsModule } from './sms.module';

runService(SMS_SERVICE, SmsModule);
