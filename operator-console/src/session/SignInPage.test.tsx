import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createApi } from '../api/client';
import { I18nProvider } from '../i18n/I18nProvider';
import { keyStorage } from './key-storage';
import { SessionProvider, useSession } from './SessionContext';
import { SignInPage } from './SignInPage';

const ME = {
  kind: 'participant',
  keyId: 'key_1',
  program: 'shenzhen',
  participant: 'metro',
  roles: ['operator'],
};

/** The service's GET /v1/me: knows one key; records each Authorization header it was sent. */
function fakeService(goodKey: string) {
  const seen: (string | null)[] = [];
  const fetch = async (input: Request) => {
    seen.push(input.headers.get('authorization'));
    const known = input.headers.get('authorization') === `Bearer ${goodKey}`;
    return new Response(
      JSON.stringify(
        known
          ? ME
          : {
              statusCode: 401,
              error: 'Unauthorized',
              message: 'unknown API key',
              code: 'invalid_credentials',
            },
      ),
      { status: known ? 200 : 401, headers: { 'content-type': 'application/json' } },
    );
  };
  return { seen, fetch };
}

function Who() {
  const { principal } = useSession();
  return <p>{principal ? `signed in as ${principal.participant}` : 'signed out'}</p>;
}

function renderSignIn(goodKey: string) {
  const service = fakeService(goodKey);
  const api = createApi(() => keyStorage.read(), 'http://console.test', service.fetch);
  render(
    <I18nProvider initial="en">
      <SessionProvider api={api}>
        <SignInPage />
        <Who />
      </SessionProvider>
    </I18nProvider>,
  );
  return service;
}

describe('sign-in', () => {
  it('checks the pasted key with GET /v1/me and keeps it in sessionStorage only', async () => {
    const service = renderSignIn('tl_good');
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: '  tl_good ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByText('signed in as metro')).toBeTruthy());
    expect(service.seen).toEqual(['Bearer tl_good']);
    expect(sessionStorage.getItem('tanlian.console.apiKey')).toBe('tl_good');
    expect(JSON.stringify({ ...localStorage })).not.toContain('tl_good');
  });

  it('says why a key is refused, and keeps nothing of it', async () => {
    renderSignIn('tl_good');
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'tl_wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() =>
      expect(screen.getByText('unknown API key (invalid_credentials)')).toBeTruthy(),
    );
    expect(screen.getByText('signed out')).toBeTruthy();
    expect(sessionStorage.getItem('tanlian.console.apiKey')).toBeNull();
  });
});
