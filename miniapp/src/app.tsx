import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { detectLocale, setLocale } from './locales';
import { signInFromUrl } from './services/sign-in';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    setLocale(detectLocale());
    // The demo's URL carries a development sign-in code; the build honours it only when its
    // run-time config enables the development sign-in.
    void signInFromUrl().catch(() => undefined);
  });
  return children;
}

export default App;
