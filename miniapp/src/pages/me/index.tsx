// 我的: the resident, bound operator accounts and binding by scan, privacy consent, 关于审计.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ForkWarning } from '../../components/fork-warning';
import { PrivacyConsent } from '../../components/privacy-consent';
import { StateView } from '../../components/state-view';
import { useRemote } from '../../hooks/use-remote';
import { fill, t } from '../../locales';
import { fetchBindings, fetchResident, type Binding, type Resident } from '../../services/bindings';
import { needsConsent } from '../../services/privacy';
import { session } from '../../services/session';
import { signIn } from '../../services/sign-in';

interface MeData {
  resident: Resident;
  bindings: Binding[];
}

async function loadMe(): Promise<MeData> {
  const [resident, bindings] = await Promise.all([fetchResident(), fetchBindings()]);
  return { resident, bindings };
}

export default function Me() {
  const { state, reload } = useRemote(loadMe, { cacheKey: 'tanlian.me' });
  const [consent, setConsent] = useState<'unknown' | 'needed' | 'given'>('unknown');
  useEffect(() => {
    void needsConsent().then((needed) => setConsent(needed ? 'needed' : 'given'));
  }, []);
  useDidShow(() => void reload());
  const m = t().me;
  return (
    <View className="screen">
      <ForkWarning />
      {consent === 'needed' && <PrivacyConsent onAgreed={() => setConsent('given')} />}
      <StateView
        state={state}
        emptyText={m.noBindings}
        onRetry={reload}
        onSignIn={() => void signIn().then(reload, reload)}
      >
        {(data) => <MeBody data={data} canBind={consent === 'given'} />}
      </StateView>
      {consent === 'given' && (
        <View className="card">
          <Text className="line">{m.agreed}</Text>
        </View>
      )}
      <Button
        className="button"
        onClick={() => Taro.navigateTo({ url: '/pkg-verify/pages/about/index' })}
        aria-label={m.about}
      >
        {m.about}
      </Button>
      <Button
        className="button"
        aria-label={m.signOut}
        onClick={() => {
          session.clear();
          void reload();
        }}
      >
        {m.signOut}
      </Button>
    </View>
  );
}

export function MeBody({ data, canBind }: { data: MeData; canBind: boolean }) {
  const m = t().me;
  return (
    <View>
      <View className="card">
        <Text className="line">{fill(m.resident, { id: data.resident.id })}</Text>
      </View>
      <View className="card">
        <Text className="card__title">{m.bindings}</Text>
        {data.bindings.length === 0 ? (
          <Text className="muted">{m.noBindings}</Text>
        ) : (
          data.bindings.map((b) => (
            <View className="row binding" key={`${b.operator}|${b.user}`}>
              <Text className="line">
                {fill(m.bindingLine, { operator: b.operator, user: b.user })}
              </Text>
              <Text className="muted">{fill(m.boundAt, { at: b.boundAt.slice(0, 10) })}</Text>
            </View>
          ))
        )}
        <Button
          className="button button--primary bind"
          disabled={!canBind}
          onClick={() => Taro.navigateTo({ url: '/pkg-bind/pages/bind/index' })}
          aria-label={m.bind}
        >
          {m.bind}
        </Button>
      </View>
    </View>
  );
}
