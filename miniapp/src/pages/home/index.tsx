// 碳账户: the total reduction, points by issuer and lot, today's records as bubbles, each daily
// cap's headroom, and the growth level from the total reduction (not points).
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ForkWarning } from '../../components/fork-warning';
import { StateView } from '../../components/state-view';
import { useRemote } from '../../hooks/use-remote';
import { fill, t } from '../../locales';
import { formatMass, formatPoints, formatReduction } from '../../format/amounts';
import { growthOf, growthRule } from '../../format/growth';
import {
  ACCOUNT_CACHE,
  capsLeft,
  fetchAccount,
  fetchMethodologies,
  todaysRecords,
  type AccountPage,
  type HistoryRecord,
  type Methodology,
} from '../../services/account';
import { signIn } from '../../services/sign-in';

interface HomeData {
  account: AccountPage;
  methodologies: Methodology[];
}

async function loadHome(): Promise<HomeData> {
  const [account, methodologies] = await Promise.all([
    fetchAccount(),
    fetchMethodologies().catch(() => [] as Methodology[]),
  ]);
  return { account, methodologies };
}

export default function Home() {
  const { state, reload } = useRemote(loadHome, { cacheKey: `${ACCOUNT_CACHE}.home` });
  Taro.usePullDownRefresh?.(() => void reload().finally(() => Taro.stopPullDownRefresh()));
  const m = t().home;
  return (
    <View className="screen">
      <ForkWarning />
      <StateView
        state={state}
        emptyText={m.noLots}
        onRetry={reload}
        onSignIn={() => void signIn().then(reload, reload)}
      >
        {({ account, methodologies }) => (
          <HomeBody account={account} methodologies={methodologies} />
        )}
      </StateView>
    </View>
  );
}

export function HomeBody({ account, methodologies }: HomeData) {
  const m = t().home;
  const today = todaysRecords(account.history);
  const caps = capsLeft(methodologies, today);
  const growth = growthOf(account.totalReductionMg);
  return (
    <View>
      <View className="card">
        <Text className="card__title">{m.totalReduction}</Text>
        <Text
          className="big"
          aria-label={`${m.totalReduction} ${formatReduction(account.totalReductionMg)}`}
        >
          {formatReduction(account.totalReductionMg)}
        </Text>
        <Text className="card__title">{m.balance}</Text>
        <Text className="big">{formatPoints(account.points.balance)}</Text>
        {account.points.unfunded !== '0' && (
          <Text className="muted">
            {fill(m.unfunded, { points: formatPoints(account.points.unfunded) })}
          </Text>
        )}
      </View>
      <View className="card">
        <Text className="card__title">{m.lots}</Text>
        {account.points.lots.length === 0 ? (
          <Text className="muted">{m.noLots}</Text>
        ) : (
          account.points.lots.map((lot) => (
            <View className="row" key={`${lot.issuer}|${lot.expiresOn}`}>
              <Text className="line">
                {fill(m.lotLine, {
                  issuer: lot.issuer,
                  points: formatPoints(lot.points),
                  expiresOn: lot.expiresOn,
                })}
              </Text>
            </View>
          ))
        )}
      </View>
      <View className="card">
        <Text className="card__title">{m.today}</Text>
        {today.length === 0 ? (
          <Text className="muted">{m.todayEmpty}</Text>
        ) : (
          <Bubbles records={today} />
        )}
      </View>
      {caps.length > 0 && (
        <View className="card">
          <Text className="card__title">{m.capsLeft}</Text>
          {caps.map((c) => (
            <View className="row" key={c.behaviour}>
              <Text className="line">
                {c.title}：{formatMass(c.leftMg)} / {formatMass(c.capMg)}
              </Text>
            </View>
          ))}
          <Text className="muted">{m.capNote}</Text>
        </View>
      )}
      <View className="card">
        <Text className="card__title">{m.growth}</Text>
        <Text className="line">{fill(m.level, { level: growth.level, name: growth.name })}</Text>
        <View
          className="progress"
          aria-role="progressbar"
          aria-label={`${Math.round(growth.progress * 100)}%`}
        >
          <View
            className="progress__bar"
            style={{ width: `${Math.round(growth.progress * 100)}%` }}
          />
        </View>
        <Text className="muted">
          {growth.next
            ? fill(m.nextLevel, { left: formatMass(growth.next.leftMg), name: growth.next.name })
            : m.maxLevel}
        </Text>
        <Text className="muted">{growthRule()}</Text>
      </View>
    </View>
  );
}

type BubbleKind = 'credited' | 'capped' | 'waiting' | 'rejected';

function bubbleKind(r: HistoryRecord): BubbleKind {
  if (r.status === 'credited') return r.pointsStatus === 'unfunded' ? 'waiting' : 'credited';
  if (r.status === 'capped') return 'capped';
  if (r.status === 'accepted' || r.status === 'pending_binding') return 'waiting';
  return 'rejected';
}

function Bubbles({ records }: { records: HistoryRecord[] }) {
  const b = t().home.bubble;
  return (
    <View className="bubbles">
      {records.map((r) => {
        const kind = bubbleKind(r);
        return (
          <View
            className={`bubble bubble--${kind}`}
            key={r.reference}
            aria-label={`${b[kind]} ${r.reductionMg ? formatMass(r.reductionMg) : ''}`}
          >
            <Text className="line">{r.reductionMg ? formatMass(r.reductionMg) : '—'}</Text>
            <Text className="muted">{b[kind]}</Text>
          </View>
        );
      })}
    </View>
  );
}
