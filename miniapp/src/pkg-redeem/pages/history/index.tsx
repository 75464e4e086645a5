// 兑换记录: the resident's redemptions, newest first, each with which lots paid; more by cursor.
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../../components/state-view';
import { useRemote } from '../../../hooks/use-remote';
import { fill, t } from '../../../locales';
import {
  fetchRedemptions,
  type Redemption,
  type RedemptionPage,
} from '../../../services/purchases';
import { RedemptionCard } from '../../components/redemption-card';

export default function RedemptionHistory() {
  const r = t().redemption;
  const { state, reload } = useRemote(() => fetchRedemptions(), {
    cacheKey: 'tanlian.redemptions',
    isEmpty: (p: RedemptionPage) => p.redemptions.length === 0,
  });
  const [more, setMore] = useState<{ items: Redemption[]; next: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const loadMore = async (after: string) => {
    setMoreError(null);
    try {
      const page = await fetchRedemptions(after);
      setMore((m) => ({ items: [...(m?.items ?? []), ...page.redemptions], next: page.next }));
    } catch (err) {
      setMoreError((err as Error).message);
    }
  };
  return (
    <View className="screen">
      <StateView
        state={state}
        emptyText={r.empty}
        onRetry={() => {
          setMore(null);
          void reload();
        }}
      >
        {(page) => {
          const next = more ? more.next : page.next;
          return (
            <View>
              {[...page.redemptions, ...(more?.items ?? [])].map((x) => (
                <RedemptionCard key={x.id} redemption={x} />
              ))}
              {moreError !== null && (
                <Text className="state state--error">
                  {fill(t().state.error, { message: moreError })}
                </Text>
              )}
              {next !== null && (
                <Button className="button" aria-label={r.more} onClick={() => void loadMore(next)}>
                  {r.more}
                </Button>
              )}
            </View>
          );
        }}
      </StateView>
    </View>
  );
}
