import { Module } from '@nestjs/common';
import { LedgerWriter } from './services/ledger-writer';

/** The points ledger: double-entry accounts per issuer asset, append-only postings, cached balances. */
@Module({ providers: [LedgerWriter], exports: [LedgerWriter] })
export class LedgerModule {}
