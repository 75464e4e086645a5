// The states every screen shows the same way, each saying what the resident can do.
import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { fill, t } from '../locales';
import type { RemoteState } from '../hooks/use-remote';
import './state-view.css';

interface Props<T> {
  state: RemoteState<T>;
  emptyText: string;
  onRetry: () => void;
  onSignIn?: () => void;
  children: (data: T) => ReactNode;
}

export function StateView<T>({ state, emptyText, onRetry, onSignIn, children }: Props<T>) {
  const s = t().state;
  switch (state.status) {
    case 'loading':
      return (
        <View className="state state--loading" aria-busy>
          <Text>{s.loading}</Text>
        </View>
      );
    case 'signed-out':
      return (
        <View className="state state--signed-out">
          <Text>{s.signedOut}</Text>
          {onSignIn && (
            <Button className="button button--primary" onClick={onSignIn} aria-label={s.signIn}>
              {s.signIn}
            </Button>
          )}
        </View>
      );
    case 'error':
      return (
        <View className="state state--error" aria-live="polite">
          <Text>{fill(s.error, { message: state.message })}</Text>
          <Button className="button" onClick={onRetry} aria-label={s.retry}>
            {s.retry}
          </Button>
        </View>
      );
    case 'offline':
      return (
        <View className="state state--offline">
          <Text>{s.offlineNoCache}</Text>
          <Button className="button" onClick={onRetry} aria-label={s.retry}>
            {s.retry}
          </Button>
        </View>
      );
    case 'empty':
      return (
        <View>
          {state.offline && <OfflineBanner onRetry={onRetry} />}
          <View className="state state--empty">
            <Text>{emptyText}</Text>
          </View>
        </View>
      );
    case 'ready':
      return (
        <View>
          {state.offline && <OfflineBanner onRetry={onRetry} />}
          {children(state.data)}
        </View>
      );
  }
}

export function OfflineBanner({ onRetry }: { onRetry: () => void }) {
  const s = t().state;
  return (
    <View className="banner banner--offline" aria-live="polite">
      <Text>{s.offline}</Text>
      <Button className="button button--small" onClick={onRetry} aria-label={s.retry}>
        {s.retry}
      </Button>
    </View>
  );
}
