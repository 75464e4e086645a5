import { Module } from '@nestjs/common';
import { LedgerCheck } from './ledger-check';

/** The check of the invariants that live in MySQL, each module's and those spanning modules. */
@Module({ providers: [LedgerCheck], exports: [LedgerCheck] })
export class InvariantsModule {}
