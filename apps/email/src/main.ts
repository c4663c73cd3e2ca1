import 'reflect-metadata';
import { runService } from '@settle/service-kit';
import { EMAIL_SERVICE, EmailModule } from './email.module';

runService(EMAIL_SERVICE, EmailModule);
