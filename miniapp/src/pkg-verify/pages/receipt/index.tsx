// 验证 of one record: ✓ with the tree size, time, leaf index and the bureau's cosignature, or the
// step that failed. Offline, it verifies against the cached checkpoint and the kept tiles.
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { tileSource } from '../../../audit/tiles';
import { loadTrust } from '../../../audit/trust';
import { verifyRecord, type RecordVerification } from '../../../audit/verify-record';
import { ForkWarning } from '../../../components/fork-warning';
import { fill, t } from '../../../locales';
import { ApiError } from '../../../services/api';
import { VERIFY_PAGE } from '../../../services/account';
import { readStored } from '../../../services/storage';

type State =
  | { status: 'running' }
  | { status: 'done'; result: RecordVerification }
  | { status: 'error'; message: string };

export async function runVerification(
  leafIndex: number,
  leafHash: string,
): Promise<RecordVerification> {
  const page = readStored<{ checkpoint: string | null }>(VERIFY_PAGE);
  const trust = await loadTrust();
  const input = {
    receipt: { leafIndex, leafHash },
    checkpointNote: page?.checkpoint ?? null,
    trust,
    tiles: tileSource(),
  };
  try {
    return await verifyRecord(input);
  } catch (err) {
    if (err instanceof ApiError && err.offline) return verifyRecord({ ...input, offline: true });
    throw err;
  }
}

export default function Receipt() {
  const { params } = useRouter();
  const [state, setState] = useState<State>({ status: 'running' });
  useEffect(() => {
    const leafIndex = Number(params.leafIndex);
    const leafHash = decodeURIComponent(params.leafHash ?? '');
    runVerification(leafIndex, leafHash).then(
      (result) => setState({ status: 'done', result }),
      (err: Error) => setState({ status: 'error', message: err.message }),
    );
  }, [params.leafIndex, params.leafHash]);
  return (
    <View className="screen">
      <ForkWarning />
      <VerificationView state={state} />
    </View>
  );
}

export function VerificationView({ state }: { state: State }) {
  const v = t().verify;
  if (state.status === 'running') return <Text className="state">{v.running}</Text>;
  if (state.status === 'error')
    return <Text className="bad">{fill(t().state.error, { message: state.message })}</Text>;
  const { result } = state;
  if (!result.ok) {
    return (
      <View className="card" aria-live="polite">
        <Text className="big bad verify-result">
          {fill(v.failed, { step: v.step[result.step] })}
        </Text>
        <Text className="line">{fill(v.detail, { reason: result.reason })}</Text>
        <Text className="muted">{v.steps}</Text>
        {result.fork && <Text className="bad">{v.fork}</Text>}
      </View>
    );
  }
  return (
    <View className="card" aria-live="polite">
      <Text className="big ok verify-result">{v.ok}</Text>
      <Text className="line">{fill(v.treeSize, { size: result.treeSize })}</Text>
      <Text className="line">{fill(v.leafIndex, { index: result.leafIndex })}</Text>
      {result.time && (
        <Text className="line">
          {fill(v.time, { time: result.time.replace('T', ' ').slice(0, 19) })}
        </Text>
      )}
      <Text className="line">{fill(v.signers, { signers: result.signers.join(', ') })}</Text>
      <Text className="line">
        {result.cosigners.length > 0
          ? fill(v.cosigned, { witnesses: result.cosigners.map((c) => c.name).join(', ') })
          : v.noCosign}
      </Text>
      {result.offline && <Text className="muted">{v.offlineVerify}</Text>}
      <Text className="muted">{v.steps}</Text>
      {result.root === 'development' && <Text className="bad">{v.devTrust}</Text>}
    </View>
  );
}
