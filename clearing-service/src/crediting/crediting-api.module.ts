import { Module } from '@nestjs/common';
import { ResidentAccountController } from './controllers/resident-account.controller';
import { ResidentAccountReader } from './services/resident-account.reader';

/** The api side of earning: what residents see of their reductions and points. */
@Module({ controllers: [ResidentAccountController], providers: [ResidentAccountReader] })
export class CreditingApiModule {}
