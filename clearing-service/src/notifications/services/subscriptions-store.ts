import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SqlRunner } from '../../database/sql';
import type { NotificationTopic } from '../subscribe-message/subscribe-message-provider';

/** At most this many acceptances are kept per topic (WeChat's own cap on one-time subscriptions is similar). */
const MAX_REMAINING = 50;

export interface SubscriptionRow {
  topic: NotificationTopic;
  remaining: number;
  updatedAt: Date;
}

export interface NotificationRow {
  topic: NotificationTopic;
  about: string;
  outcome: 'sending' | 'sent' | 'failed';
  detail: string | null;
  createdAt: Date;
}

/** The statements on resident_subscriptions and resident_notifications. */
@Injectable()
export class SubscriptionsStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One more acceptance of `topic` (the first subscribes). */
  async accept(residentId: number, topic: NotificationTopic): Promise<void> {
    await this.db.query(
      `INSERT INTO resident_subscriptions (resident_id, topic, remaining, updated_at)
       VALUES (?, ?, 1, NOW(3))
       ON DUPLICATE KEY UPDATE remaining = LEAST(remaining + 1, ${MAX_REMAINING}), updated_at = NOW(3)`,
      [residentId, topic],
    );
  }

  async unsubscribe(residentId: number, topic: NotificationTopic): Promise<void> {
    await this.db.query('DELETE FROM resident_subscriptions WHERE resident_id = ? AND topic = ?', [
      residentId,
      topic,
    ]);
  }

  async subscriptionsOf(residentId: number, db: SqlRunner = this.db): Promise<SubscriptionRow[]> {
    const rows: { topic: NotificationTopic; remaining: number; updated_at: Date }[] =
      await db.query(
        'SELECT topic, remaining, updated_at FROM resident_subscriptions WHERE resident_id = ? ORDER BY topic',
        [residentId],
      );
    return rows.map((r) => ({
      topic: r.topic,
      remaining: Number(r.remaining),
      updatedAt: r.updated_at,
    }));
  }

  async notificationsOf(residentId: number, db: SqlRunner = this.db): Promise<NotificationRow[]> {
    const rows: {
      topic: NotificationTopic;
      about: string;
      outcome: NotificationRow['outcome'];
      detail: string | null;
      created_at: Date;
    }[] = await db.query(
      `SELECT topic, about, outcome, detail, created_at FROM resident_notifications
        WHERE resident_id = ? ORDER BY id`,
      [residentId],
    );
    return rows.map((r) => ({ ...r, createdAt: r.created_at }));
  }

  /**
   * Takes one acceptance of `topic` and writes the message's row, in one transaction: at most
   * one message per `about` (the unique key), and never more messages than acceptances. Answers
   * the row's id, or null when there is no acceptance left or the message exists already.
   */
  async claim(residentId: number, topic: NotificationTopic, about: string): Promise<string | null> {
    return this.db
      .transaction(async (tx) => {
        const taken: { affectedRows: number } = await tx.query(
          `UPDATE resident_subscriptions SET remaining = remaining - 1
          WHERE resident_id = ? AND topic = ? AND remaining > 0`,
          [residentId, topic],
        );
        if (taken.affectedRows !== 1) return null;
        const inserted: { affectedRows: number; insertId: number } = await tx.query(
          `INSERT IGNORE INTO resident_notifications (resident_id, topic, about, outcome, created_at)
         VALUES (?, ?, ?, 'sending', NOW(3))`,
          [residentId, topic, about],
        );
        if (inserted.affectedRows !== 1) {
          // Told already: give the acceptance back (the transaction rolls the decrement back).
          throw new AlreadyTold();
        }
        return String(inserted.insertId);
      })
      .catch((err: unknown) => {
        if (err instanceof AlreadyTold) return null;
        throw err;
      });
  }

  async finish(id: string, outcome: 'sent' | 'failed', detail: string | null): Promise<void> {
    await this.db.query('UPDATE resident_notifications SET outcome = ?, detail = ? WHERE id = ?', [
      outcome,
      detail?.slice(0, 255) ?? null,
      id,
    ]);
  }

  /** Account deletion: every subscription and message row of the resident. */
  async forget(db: SqlRunner, residentId: number): Promise<void> {
    await db.query('DELETE FROM resident_subscriptions WHERE resident_id = ?', [residentId]);
    await db.query('DELETE FROM resident_notifications WHERE resident_id = ?', [residentId]);
  }
}

class AlreadyTold extends Error {}
