// 出示付款码: the one-time code as a QR on a canvas, the screen brightened and kept on, refreshed
// before it expires; once a merchant holds with it, the result and the balance after it.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useUnload } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { fill, t } from '../../../locales';
import { formatPoints } from '../../../format/amounts';
import { fetchAccount } from '../../../services/account';
import { QrCanvas } from '../../components/qr-canvas';
import { PaymentCodeSession, type PayState } from '../../payment-code';

export default function Pay() {
  const [state, setState] = useState<PayState>({ status: 'creating' });
  const session = useRef<PaymentCodeSession>();
  useEffect(() => {
    const s = new PaymentCodeSession(setState);
    session.current = s;
    void s.start();
    const restore = brighten();
    return () => {
      void s.leave();
      void restore.then((undo) => undo());
    };
  }, []);
  useUnload(() => void session.current?.leave());
  return (
    <View className="screen">
      <PayView state={state} onRetry={() => void session.current?.start()} />
    </View>
  );
}

export function PayView({ state, onRetry }: { state: PayState; onRetry: () => void }) {
  const p = t().pay;
  switch (state.status) {
    case 'creating':
      return <Text className="state">{p.refreshing}</Text>;
    case 'error':
      return (
        <View className="state state--error">
          <Text>
            {state.offline ? t().state.offlineNoCache : fill(p.error, { message: state.message })}
          </Text>
          <Button className="button" onClick={onRetry} aria-label={t().state.retry}>
            {t().state.retry}
          </Button>
        </View>
      );
    case 'showing':
      return (
        <View className="card">
          <QrCanvas id="payment-qr" code={state.code.code} size={240} label={p.codeLabel} />
          <Text className="line">{fill(p.hint, { seconds: Math.max(0, state.secondsLeft) })}</Text>
          <Text className="muted">{p.keepOpen}</Text>
          <Text className="muted">{t().shop.noTransfer}</Text>
        </View>
      );
    case 'used':
      return <UsedView />;
  }
}

/** After the merchant's hold: the balance as it stands (held points count against it at once). */
function UsedView() {
  const p = t().pay;
  const [balance, setBalance] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    const poll = () =>
      fetchAccount()
        .then((a) => !stop && setBalance(a.points.balance))
        .catch(() => undefined);
    void poll();
    const id = setInterval(poll, 3000);
    return () => {
      stop = true;
      clearInterval(id);
    };
  }, []);
  return (
    <View className="card" aria-live="polite">
      <Text className="big ok pay-used">{p.used}</Text>
      <Text className="muted">{p.keepOpen}</Text>
      {balance !== null && (
        <Text className="line pay-balance">
          {t().home.balance}：{formatPoints(balance)}
        </Text>
      )}
    </View>
  );
}

/** Full brightness and screen kept on while the code shows; resolves to what undoes it. */
async function brighten(): Promise<() => void> {
  try {
    const before = await Taro.getScreenBrightness();
    await Taro.setScreenBrightness({ value: 1 });
    await Taro.setKeepScreenOn({ keepScreenOn: true });
    return () => {
      void Taro.setScreenBrightness({ value: before.value }).catch(() => undefined);
      void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    };
  } catch {
    return () => {}; // H5 has no brightness API
  }
}
