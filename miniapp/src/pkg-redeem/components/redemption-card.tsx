// One redemption as the resident reads it: what it is, where it stands, and which lots paid,
// oldest expiry first (the order the service took them in, kept as it answers).
import { Text, View } from '@tarojs/components';
import { fill, t } from '../../locales';
import { formatPoints } from '../../format/amounts';
import type { Redemption } from '../../services/purchases';

export function RedemptionCard({ redemption }: { redemption: Redemption }) {
  const r = t().redemption;
  const n = (x: number | string) => formatPoints(String(x));
  return (
    <View className="card redemption" aria-label={redemption.offer?.title ?? r.till}>
      <Text className="card__title">{redemption.offer?.title ?? r.till}</Text>
      <Text className="muted">
        {redemption.merchant} · {redemption.createdAt.slice(0, 16).replace('T', ' ')}
      </Text>
      <Text className={`line status status--${redemption.status}`}>
        {r.status[redemption.status]}
      </Text>
      <Text className="line">
        {fill(r.points, {
          held: n(redemption.heldPoints),
          captured: n(redemption.capturedPoints),
          refunded: n(redemption.refundedPoints),
        })}
      </Text>
      {redemption.status === 'held' && (
        <Text className="line redemption-id">{fill(r.showId, { id: redemption.id })}</Text>
      )}
      <Text className="muted">{r.lotsPaid}</Text>
      {redemption.allocations.map((a) => (
        <Text key={`${a.issuer}/${a.expiresOn}`} className="line lot-paid">
          {fill(r.lotLine, {
            issuer: a.issuer,
            expiresOn: a.expiresOn,
            held: n(a.heldPoints),
            captured: n(a.capturedPoints),
          })}
        </Text>
      ))}
    </View>
  );
}
