// Binding an operator account: scan the operator's QR (wx.scanCode), or paste its code on H5,
// then POST …/me/bindings with the one-time token.
import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { fill, t } from '../../../locales';
import { bind, scanToken, tokenIn, type Binding } from '../../../services/bindings';

type State =
  | { status: 'idle' }
  | { status: 'binding' }
  | { status: 'bound'; binding: Binding }
  | { status: 'error'; message: string };

export default function Bind() {
  const [state, setState] = useState<State>({ status: 'idle' });
  const [text, setText] = useState('');
  const m = t().me;
  const submit = async (token: string | undefined) => {
    if (token === undefined) return setState({ status: 'error', message: t().errors.notFound });
    setState({ status: 'binding' });
    try {
      setState({ status: 'bound', binding: await bind(token) });
    } catch (err) {
      setState({ status: 'error', message: (err as Error).message });
    }
  };
  return (
    <View className="screen">
      <View className="card">
        {BUILD_TARGET === 'weapp' && (
          <Button
            className="button button--primary"
            onClick={() => void scanToken().then(submit, () => undefined)}
            aria-label={m.bind}
          >
            {m.bind}
          </Button>
        )}
        <Text className="muted">{m.bindPaste}</Text>
        <Input
          className="input bind-token"
          value={text}
          onInput={(e) => setText(e.detail.value)}
          aria-label={m.bindPaste}
        />
        <Button
          className="button bind-submit"
          loading={state.status === 'binding'}
          onClick={() => void submit(tokenIn(text))}
          aria-label={m.bindSubmit}
        >
          {m.bindSubmit}
        </Button>
      </View>
      {state.status === 'bound' && (
        <Text className="big ok bound">{fill(m.bound, { operator: state.binding.operator })}</Text>
      )}
      {state.status === 'error' && (
        <Text className="bad">{fill(t().state.error, { message: state.message })}</Text>
      )}
    </View>
  );
}
