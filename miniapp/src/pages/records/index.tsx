// 记录: every record with its operator, methodology code@version, the formula with its numbers,
// grams, points, expiry and status in plain words; 验证 on each, and 账户完整性 for the whole.
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ForkWarning } from '../../components/fork-warning';
import { StateView } from '../../components/state-view';
import { stateOfError, useRemote } from '../../hooks/use-remote';
import { fill, t } from '../../locales';
import { formatPoints, formatReduction } from '../../format/amounts';
import { formatFormula } from '../../format/formula';
import { statusLabel, statusReason } from '../../format/record-status';
import {
  ACCOUNT_CACHE,
  VERIFY_PAGE,
  fetchAccount,
  type AccountPage,
  type HistoryRecord,
} from '../../services/account';
import { writeStored } from '../../services/storage';
import { signIn } from '../../services/sign-in';

export default function Records() {
  const { state, reload, setState } = useRemote(
    async () => {
      const page = await fetchAccount();
      writeStored(VERIFY_PAGE, { checkpoint: page.checkpoint, lots: page.points.lots });
      return page;
    },
    { cacheKey: ACCOUNT_CACHE, isEmpty: (p: AccountPage) => p.history.length === 0 },
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const r = t().records;

  const more = async (page: AccountPage) => {
    if (page.nextBefore === null) return;
    setLoadingMore(true);
    try {
      const next = await fetchAccount(page.nextBefore);
      setState({
        status: 'ready',
        data: { ...next, history: [...page.history, ...next.history] },
        offline: false,
      });
    } catch (err) {
      setState(stateOfError(err));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <View className="screen">
      <ForkWarning />
      <Button
        className="button button--primary"
        aria-label={r.accountCheck}
        onClick={() => Taro.navigateTo({ url: '/pkg-verify/pages/account/index' })}
      >
        {r.accountCheck}
      </Button>
      <StateView
        state={state}
        emptyText={r.empty}
        onRetry={reload}
        onSignIn={() => void signIn().then(reload, reload)}
      >
        {(page) => (
          <View>
            {page.history.map((record) => (
              <RecordCard key={record.reference} record={record} />
            ))}
            {page.nextBefore !== null && (
              <Button
                className="button"
                loading={loadingMore}
                onClick={() => void more(page)}
                aria-label={r.loadMore}
              >
                {r.loadMore}
              </Button>
            )}
          </View>
        )}
      </StateView>
    </View>
  );
}

export function RecordCard({ record }: { record: HistoryRecord }) {
  const r = t().records;
  const reason = statusReason(record.status, record.reason, record.pointsStatus);
  const verify = () => {
    if (!record.receipt) return;
    const { leafIndex, leafHash } = record.receipt;
    void Taro.navigateTo({
      url: `/pkg-verify/pages/receipt/index?leafIndex=${leafIndex}&leafHash=${encodeURIComponent(leafHash)}&reference=${encodeURIComponent(record.reference)}`,
    });
  };
  return (
    <View className="card record" data-reference={record.reference}>
      <View className="row">
        <Text className="card__title">{record.behaviour}</Text>
        <Text className={record.status === 'credited' ? 'ok' : 'muted'}>
          {statusLabel(record.status)}
        </Text>
      </View>
      <Text className="muted">
        {fill(r.operator, { operator: record.operator })} ·{' '}
        {record.startedAt.slice(0, 16).replace('T', ' ')}
      </Text>
      {record.methodology && (
        <Text className="line">{fill(r.methodology, { methodology: record.methodology })}</Text>
      )}
      {record.formula && (
        <Text className="line formula">
          {fill(r.formula, { formula: formatFormula(record.formula) })}
        </Text>
      )}
      {record.reductionMg !== null && (
        <Text className="line">
          {fill(r.grams, { amount: formatReduction(record.reductionMg) })}
        </Text>
      )}
      {record.points !== null && record.points !== '0' && (
        <Text className="line ok">{fill(r.points, { points: formatPoints(record.points) })}</Text>
      )}
      {reason && <Text className="muted reason">{reason}</Text>}
      {record.receipt ? (
        <Button
          className="button button--small verify"
          onClick={verify}
          aria-label={`${r.verify} ${record.reference}`}
        >
          {r.verify}
        </Button>
      ) : (
        <Text className="muted">{r.receiptPending}</Text>
      )}
    </View>
  );
}
