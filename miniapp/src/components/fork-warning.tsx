// The fork warning: red, at the top of every screen, until the resident dismisses it. A fork means
// the service showed this phone two histories of the log; nothing is more important to see.
import { Text, View } from '@tarojs/components';
import { knownFork } from '../audit/fork-state';
import { t } from '../locales';

export function ForkWarning() {
  const fork = knownFork();
  if (fork === undefined) return null;
  return (
    <View className="banner banner--fork" role="alert" aria-label={t().verify.forkTitle}>
      <Text className="banner__title">{t().verify.forkTitle}</Text>
      <Text>{t().verify.fork}</Text>
      <Text className="muted">{fork.reason}</Text>
    </View>
  );
}
