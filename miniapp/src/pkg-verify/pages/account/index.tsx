// 账户完整性: verifyAccount over the resident's whole chain; the lots 碳账户 shows must be their sum.
import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { checkAccount, type AccountVerification } from '../../../audit/account-check';
import { loadTrust } from '../../../audit/trust';
import { ForkWarning } from '../../../components/fork-warning';
import { fill, t } from '../../../locales';
import { call } from '../../../services/api';
import { appConfig } from '../../../services/app-config';
import { fetchAccount } from '../../../services/account';

type State =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: AccountVerification }
  | { status: 'error'; message: string };

export async function runAccountCheck(): Promise<AccountVerification> {
  const [trust, config, account] = await Promise.all([loadTrust(), appConfig(), fetchAccount()]);
  return checkAccount(
    {
      program: config.program,
      page: (after) =>
        call('get', '/v1/programs/{program}/residents/me/audit-entries', {
          query: { after, limit: 1000 },
        }),
      displayed: account.points.lots,
    },
    trust,
  );
}

export default function AccountCheck() {
  const [state, setState] = useState<State>({ status: 'idle' });
  const a = t().account;
  const run = () => {
    setState({ status: 'running' });
    runAccountCheck().then(
      (result) => setState({ status: 'done', result }),
      (err: Error) => setState({ status: 'error', message: err.message }),
    );
  };
  return (
    <View className="screen">
      <ForkWarning />
      <View className="card">
        <Text className="card__title">{a.title}</Text>
        <Button
          className="button button--primary"
          onClick={run}
          loading={state.status === 'running'}
          aria-label={a.run}
        >
          {a.run}
        </Button>
      </View>
      {state.status === 'running' && <Text className="state">{a.running}</Text>}
      {state.status === 'error' && (
        <Text className="bad">{fill(t().state.error, { message: state.message })}</Text>
      )}
      {state.status === 'done' && <AccountResult result={state.result} />}
    </View>
  );
}

export function AccountResult({ result }: { result: AccountVerification }) {
  const a = t().account;
  if (!result.ok) {
    return (
      <View className="card" aria-live="polite">
        <Text className="big bad account-result">
          {fill(a.failed, { step: a.step[result.step], message: result.message })}
        </Text>
      </View>
    );
  }
  return (
    <View className="card" aria-live="polite">
      <Text className="big ok account-result">{fill(a.ok, { count: result.count })}</Text>
      {result.unsealed > 0 && (
        <Text className="muted">{fill(a.unsealed, { count: result.unsealed })}</Text>
      )}
    </View>
  );
}
