// 关于审计: the log's origin, the key fingerprint pinned in this build, the witnesses.
import { Text, View } from '@tarojs/components';
import { loadTrust, type LogTrust } from '../../../audit/trust';
import { StateView } from '../../../components/state-view';
import { useRemote } from '../../../hooks/use-remote';
import { fill, t } from '../../../locales';

export default function About() {
  const { state, reload } = useRemote(loadTrust);
  return (
    <View className="screen">
      <StateView state={state} emptyText={t().me.noWitnesses} onRetry={reload}>
        {(trust) => <AboutBody trust={trust} />}
      </StateView>
    </View>
  );
}

export function AboutBody({ trust }: { trust: LogTrust }) {
  const m = t().me;
  return (
    <View className="card">
      <Text className="card__title">{m.about}</Text>
      <Text className="line">{fill(m.origin, { origin: trust.origin ?? '' })}</Text>
      <Text className="line">
        {fill(m.fingerprint, { fingerprint: trust.fingerprints.join(', ') })}
      </Text>
      <Text className="line">
        {trust.witnesses.length > 0
          ? fill(m.witnesses, { witnesses: trust.witnesses.map((w) => w.name).join(', ') })
          : m.noWitnesses}
      </Text>
      <Text className="muted">{t().verify.steps}</Text>
      {trust.root === 'development' && <Text className="bad">{t().verify.devTrust}</Text>}
    </View>
  );
}
