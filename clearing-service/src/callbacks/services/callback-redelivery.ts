import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CallbackDeliveryView } from '@tanlian/sdk';
import { DataSource } from 'typeorm';
import type { Participant } from '../../tenancy/entities/participant.entity';
import {
  callbackNotConfigured,
  callbackStopped,
  deliveryNotFound,
  deliveryPending,
} from '../callbacks-errors';
import { CallbackDeliveriesReader } from './callback-deliveries.reader';
import { CallbackWakeups } from './callback-wakeups';

/**
 * Sends a finished delivery again, on the operator's request (it lost what it received, or fixed
 * its receiver after the retries gave up): the same delivery id, so a receiver that dedupes on
 * webhook-id sees the same message; its attempts go on counting, and it retries as a new one.
 */
@Injectable()
export class CallbackRedelivery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deliveries: CallbackDeliveriesReader,
    private readonly wakeups: CallbackWakeups,
  ) {}

  async redeliver(operator: Participant, deliveryId: string): Promise<CallbackDeliveryView> {
    const attempts = await this.dataSource.transaction(async (db) => {
      const [delivery]: { status: string; attempts: number }[] = await db.query(
        `SELECT status, attempts FROM callback_deliveries
          WHERE id = ? AND participant_id = ? FOR UPDATE`,
        [deliveryId, operator.id],
      );
      if (!delivery) throw deliveryNotFound(deliveryId);
      if (delivery.status === 'pending') throw deliveryPending(deliveryId);
      const [callback]: { disabled_at: Date | null }[] = await db.query(
        'SELECT disabled_at FROM participant_callbacks WHERE participant_id = ?',
        [operator.id],
      );
      if (!callback) throw callbackNotConfigured(operator.code);
      if (callback.disabled_at !== null) throw callbackStopped(operator.code);
      await db.query(
        `UPDATE callback_deliveries SET status = 'pending', next_attempt_at = NOW(3), finished_at = NULL
          WHERE id = ?`,
        [deliveryId],
      );
      return delivery.attempts;
    });
    this.wakeups.wake(deliveryId, attempts + 1, 0);
    return this.deliveries.one(operator.id, deliveryId);
  }
}
