import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SealedSecretStores } from '../../secrets/sealed-secret-stores';

/**
 * The sealed secrets Tanlian signs each operator's callbacks with: the current one, and the
 * previous one while its grace period lasts. Registered so `secrets:reseal` moves them too.
 */
@Injectable()
export class CallbackSecretsStore implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly stores: SealedSecretStores,
  ) {}

  onModuleInit(): void {
    for (const column of ['sealed_secret', 'previous_sealed_secret'] as const) {
      this.stores.register({
        kind: column === 'sealed_secret' ? 'callback_secret' : 'callback_previous_secret',
        list: async () => {
          const rows: { participant_id: number; sealed: Buffer }[] = await this.dataSource.query(
            `SELECT participant_id, ${column} AS sealed FROM participant_callbacks
              WHERE ${column} IS NOT NULL ORDER BY participant_id`,
          );
          return rows.map((r) => ({ id: String(r.participant_id), sealed: r.sealed }));
        },
        replace: async (id, previous, next) => {
          const result: { affectedRows: number } = await this.dataSource.query(
            `UPDATE participant_callbacks SET ${column} = ? WHERE participant_id = ? AND ${column} = ?`,
            [next, Number(id), previous],
          );
          return result.affectedRows === 1;
        },
      });
    }
  }
}
