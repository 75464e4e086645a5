// The consent card: the policy in short, and the agree button (openType agreePrivacyAuthorization
// on weapp, so that WeChat records it; never a popup that only writes storage there).
import { Button, Text, View } from '@tarojs/components';
import { t } from '../locales';
import { openPrivacyContract, recordConsent } from '../services/privacy';

export function PrivacyConsent({ onAgreed }: { onAgreed: () => void }) {
  const m = t().me;
  return (
    <View className="card privacy">
      <Text className="card__title">{m.privacy}</Text>
      <Text className="line">{m.privacyText}</Text>
      {BUILD_TARGET === 'weapp' && (
        <Button className="button" onClick={openPrivacyContract} aria-label={m.openContract}>
          {m.openContract}
        </Button>
      )}
      <Button
        id="agree-privacy"
        className="button button--primary"
        openType="agreePrivacyAuthorization"
        onAgreePrivacyAuthorization={() => onAgreed()}
        onClick={() => {
          recordConsent();
          if (BUILD_TARGET !== 'weapp') onAgreed();
        }}
        aria-label={m.agree}
      >
        {m.agree}
      </Button>
    </View>
  );
}
