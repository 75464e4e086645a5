import { Spin } from 'antd';
import { useEffect, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { I18nProvider } from './i18n/I18nProvider';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { SessionProvider, useSession } from './session/SessionContext';
import { SignInPage } from './session/SignInPage';

function Gate() {
  const { principal, restore } = useSession();
  const [restoring, setRestoring] = useState(true);
  useEffect(() => {
    void restore().finally(() => setRestoring(false));
  }, [restore]);
  if (restoring) return <Spin style={{ display: 'block', marginTop: '20vh' }} />;
  return principal ? <ConsoleLayout /> : <SignInPage />;
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <Gate />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  );
}
