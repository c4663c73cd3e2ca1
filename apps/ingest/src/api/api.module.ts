import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuthModule } from '../auth/auth.module';
import { AccountsController } from './accounts.controller';
import { PublicCasesController } from './cases.controller';
import { DocsController } from './docs.controller';
import { SchedulerClient } from './scheduler.client';

/** The public REST API under /v1 (tenant API keys) and its documentation at /docs. */
@Module({
  imports: [AuthModule, AccountsModule],
  controllers: [PublicCasesController, AccountsController, DocsController],
  providers: [SchedulerClient],
})
export class ApiModule {}
