import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCNLocale from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { en } from './en';
import { type MessageKey, zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en';

const MESSAGES: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORED = 'tanlian.console.language';

interface I18n {
  language: Language;
  t(key: MessageKey): string;
  toggle(): void;
}

const I18nContext = createContext<I18n | null>(null);

/** zh-CN unless the user chose English (remembered: a language is no secret). */
export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguage] = useState<Language>(
    initial ?? (localStorage.getItem(STORED) === 'en' ? 'en' : 'zh-CN'),
  );
  const toggle = useCallback(() => {
    setLanguage((now) => {
      const next = now === 'en' ? 'zh-CN' : 'en';
      localStorage.setItem(STORED, next);
      return next;
    });
  }, []);
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = language;
  const value = useMemo(
    () => ({ language, toggle, t: (key: MessageKey) => MESSAGES[language][key] }),
    [language, toggle],
  );
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider
        locale={language === 'en' ? enUS : zhCNLocale}
        button={{ autoInsertSpace: false }}
        // A green dark enough for white text and links on white (WCAG AA, 4.5:1).
        theme={{
          token: {
            colorPrimary: '#1a7f37',
            colorLink: '#1a7f37',
            colorError: '#cf1322',
            // Secondary text (breadcrumbs, hints) dark enough to read: AA on the page's grey.
            colorTextDescription: 'rgba(0, 0, 0, 0.65)',
            colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
          },
        }}
      >
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
