import { AuthModule } from '@leadhooks/auth';
import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';

@Module({ imports: [AuthModule], controllers: [ApiKeysController] })
export class ApiKeysModule {}
