import { Module } from '@nestjs/common';
import { LedgerCheck } from './services/ledger-check';
import { LedgerWriter } from './services/ledger-writer';

/** The points ledger: double-entry accounts per issuer asset, append-only postings, cached balances. */
@Module({ providers: [LedgerWriter, LedgerCheck], exports: [LedgerWriter, LedgerCheck] })
export class LedgerModule {}
