import { z } from 'zod';

// A resident's subscribe messages (订阅消息). WeChat's are one-time: each "allow" the app gets
// from wx.requestSubscribeMessage lets the service send one message of that template.

export const NotificationTopic = z
  .enum(['redemption_result', 'expiry_reminder'])
  .describe(
    'redemption_result: when a merchant captures a redemption of yours; expiry_reminder: points of a lot expiring soon (once per lot)',
  );
export type NotificationTopic = z.infer<typeof NotificationTopic>;

export const ResidentSubscriptionUpdate = z.strictObject({
  topic: NotificationTopic,
  accepted: z
    .boolean()
    .describe(
      'true: the resident allowed one more message of this topic in WeChat; false: unsubscribe (no more messages of it)',
    ),
});
export type ResidentSubscriptionUpdate = z.infer<typeof ResidentSubscriptionUpdate>;

export const ResidentSubscriptionsView = z.object({
  topics: z.array(
    z.object({
      topic: NotificationTopic,
      subscribed: z.boolean(),
      remaining: z
        .number()
        .int()
        .describe('Messages WeChat lets the service send before the app must ask again'),
      templateId: z
        .string()
        .nullable()
        .describe('The template to ask for with wx.requestSubscribeMessage; null: not offered'),
    }),
  ),
});
export type ResidentSubscriptionsView = z.infer<typeof ResidentSubscriptionsView>;

/** GET …/residents/me/export: everything the service holds about the resident, table by table. */
export const ResidentDataExport = z.object({
  format: z.literal('tanlian.resident-export/v1'),
  exportedAt: z.string().describe('ISO 8601 time'),
  resident: z.record(z.string(), z.unknown()).describe('id, program, WeChat ids, created'),
  tables: z
    .record(z.string(), z.array(z.record(z.string(), z.unknown())))
    .describe(
      'Each table that names the resident, as rows (secrets such as session hashes and sealed keys left out)',
    ),
});
export type ResidentDataExport = z.infer<typeof ResidentDataExport>;
