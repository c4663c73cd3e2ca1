import { Module } from '@nestjs/common';
import { AccountSnapshotRepository } from './account-snapshot.repository';

/** Settle's account snapshots: written by the lender-event intake, read by the public API. */
@Module({
  providers: [AccountSnapshotRepository],
  exports: [AccountSnapshotRepository],
})
export class AccountsModule {}
