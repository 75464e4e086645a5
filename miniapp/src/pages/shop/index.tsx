// 兑换: the program's live offers (public), buying one with points, and 出示付款码. Points are only ever spent at a
// merchant: nothing here sends them to another resident.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { BuyOffer } from '../../components/buy-offer';
import { ForkWarning } from '../../components/fork-warning';
import { StateView } from '../../components/state-view';
import { useRemote } from '../../hooks/use-remote';
import { fill, t } from '../../locales';
import { formatPoints } from '../../format/amounts';
import { call, type ApiAnswer } from '../../services/api';

export type OfferPage = ApiAnswer<'/v1/programs/{program}/offers', 'get'>;
export type Offer = OfferPage['offers'][number];

export function fetchOffers(): Promise<OfferPage> {
  return call('get', '/v1/programs/{program}/offers', { anonymous: true, query: { limit: 50 } });
}

export default function Shop() {
  const { state, reload } = useRemote(fetchOffers, {
    cacheKey: 'tanlian.offers',
    isEmpty: (p: OfferPage) => p.offers.length === 0,
  });
  const s = t().shop;
  return (
    <View className="screen">
      <ForkWarning />
      <Button
        className="button button--primary show-code"
        aria-label={s.showCode}
        onClick={() => Taro.navigateTo({ url: '/pkg-redeem/pages/pay/index' })}
      >
        {s.showCode}
      </Button>
      <Button
        className="button"
        aria-label={s.history}
        onClick={() => Taro.navigateTo({ url: '/pkg-redeem/pages/history/index' })}
      >
        {s.history}
      </Button>
      <Text className="muted">{s.noTransfer}</Text>
      <StateView state={state} emptyText={s.empty} onRetry={reload}>
        {(page) => (
          <View>
            {page.offers.map((offer) => (
              <OfferCard
                key={`${offer.merchant.code}/${offer.code}`}
                offer={offer}
                onBought={reload}
              />
            ))}
          </View>
        )}
      </StateView>
    </View>
  );
}

export function OfferCard({ offer, onBought }: { offer: Offer; onBought?: () => void }) {
  const s = t().shop;
  const issuers = offer.acceptedIssuers === 'all' ? s.allIssuers : offer.acceptedIssuers.join(', ');
  return (
    <View className="card offer">
      <Text className="card__title">{offer.title}</Text>
      <Text className="muted">{offer.merchant.name}</Text>
      {offer.description && <Text className="line">{offer.description}</Text>}
      <Text className="line ok">{fill(s.price, { points: formatPoints(offer.pricePoints) })}</Text>
      <Text className="muted">
        {offer.stock === null ? s.unlimited : fill(s.stock, { stock: offer.stock })}
        {offer.limitPerResidentPerDay !== null
          ? ` · ${fill(s.perDay, { limit: offer.limitPerResidentPerDay })}`
          : ''}
      </Text>
      <Text className="muted">{fill(s.validUntil, { until: offer.validUntil.slice(0, 10) })}</Text>
      <Text className="muted">{fill(s.issuers, { issuers })}</Text>
      <BuyOffer offer={offer} onBought={onBought} />
    </View>
  );
}
