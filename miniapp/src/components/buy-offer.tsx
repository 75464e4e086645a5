// 兑换 on an offer: a confirmation in place (the points are held at once), then the purchase; a
// failed one says why, and a retry of the same tap reuses its Idempotency-Key.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { fill, t } from '../locales';
import { formatPoints } from '../format/amounts';
import { newPurchase, purchase, purchaseError, type PurchaseAttempt } from '../services/purchases';

type BuyState =
  | { step: 'idle' }
  | { step: 'confirm' }
  | { step: 'buying'; attempt: PurchaseAttempt }
  | { step: 'failed'; attempt: PurchaseAttempt; text: string; retry: boolean };

export interface BuyableOffer {
  code: string;
  title: string;
  pricePoints: string;
  merchant: { code: string };
}

export function BuyOffer({ offer, onBought }: { offer: BuyableOffer; onBought?: () => void }) {
  const s = t().shop;
  const [state, setState] = useState<BuyState>({ step: 'idle' });
  const run = async (attempt: PurchaseAttempt) => {
    setState({ step: 'buying', attempt });
    try {
      const bought = await purchase(attempt);
      setState({ step: 'idle' });
      onBought?.();
      await Taro.navigateTo({ url: `/pkg-redeem/pages/redemption/index?id=${bought.id}` });
    } catch (err) {
      setState({ step: 'failed', attempt, ...purchaseError(err) });
    }
  };
  const label = `${s.buy} ${offer.title}`;
  switch (state.step) {
    case 'idle':
      return (
        <Button
          className="button button--primary buy"
          aria-label={label}
          onClick={() => setState({ step: 'confirm' })}
        >
          {s.buy}
        </Button>
      );
    case 'confirm':
      return (
        <View className="buy-confirm" aria-live="polite">
          <Text className="line">
            {fill(s.buyConfirm, { points: formatPoints(offer.pricePoints), title: offer.title })}
          </Text>
          <Button
            className="button button--primary"
            aria-label={s.buyGo}
            onClick={() => void newPurchase(offer.merchant.code, offer.code).then(run)}
          >
            {s.buyGo}
          </Button>
          <PlainButton label={s.buyCancel} onTap={() => setState({ step: 'idle' })} />
        </View>
      );
    case 'buying':
      return (
        <Text className="state" aria-busy>
          {s.buying}
        </Text>
      );
    case 'failed':
      return (
        <View className="state state--error buy-error" aria-live="polite">
          <Text>{state.text}</Text>
          {state.retry ? (
            <PlainButton label={t().state.retry} onTap={() => void run(state.attempt)} />
          ) : (
            <PlainButton label={s.buyCancel} onTap={() => setState({ step: 'idle' })} />
          )}
        </View>
      );
  }
}

function PlainButton({ label, onTap }: { label: string; onTap: () => void }) {
  return (
    <Button className="button" aria-label={label} onClick={onTap}>
      {label}
    </Button>
  );
}
