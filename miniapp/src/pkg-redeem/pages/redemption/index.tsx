// 兑换结果: a purchase (or a till redemption) and which lots paid; polled while it is held, so
// the result shows as soon as the merchant captures or voids it.
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect } from 'react';
import { StateView } from '../../../components/state-view';
import { useRemote } from '../../../hooks/use-remote';
import { t } from '../../../locales';
import { fetchRedemption } from '../../../services/purchases';
import { RedemptionCard } from '../../components/redemption-card';

const POLL_MS = 3000;

export default function RedemptionResult() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { state, reload, setState } = useRemote(() => fetchRedemption(id), {
    cacheKey: `tanlian.redemption.${id}`,
  });
  const held = state.status === 'ready' && state.data.status === 'held';
  useEffect(() => {
    if (!held) return;
    // Quiet polling: the card stays on screen between answers.
    const timer = setInterval(() => {
      fetchRedemption(id).then(
        (data) => setState({ status: 'ready', data, offline: false }),
        () => undefined,
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [held, id, setState]);
  return (
    <View className="screen">
      <StateView state={state} emptyText={t().state.empty} onRetry={reload}>
        {(redemption) => <RedemptionCard redemption={redemption} />}
      </StateView>
    </View>
  );
}
