import { AuthModule } from '@leadhooks/auth';
import { Module } from '@nestjs/common';
import { LeadsController } from './leads.controller';
import { LeadsQueries } from './leads.queries';
import { LeadsService } from './leads.service';

@Module({
  imports: [AuthModule],
  controllers: [LeadsController],
  providers: [LeadsService, LeadsQueries],
})
export class LeadsModule {}
