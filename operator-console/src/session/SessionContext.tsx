import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type Api, createApi, ok } from '../api/client';
import { keyStorage } from './key-storage';
import type { Principal } from './principal';

export interface Session {
  api: Api;
  principal: Principal | null;
  /** The program the pages work on: the principal's own, or the one an admin picked. */
  program: string | null;
  setProgram(code: string): void;
  /** Checks the key with GET /v1/me; keeps it only if the service knows it. */
  signIn(key: string): Promise<Principal>;
  signOut(): void;
  /** Restores a session of this tab (a reload) from the stored key. */
  restore(): Promise<Principal | null>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children, api: given }: { children: ReactNode; api?: Api }) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [chosen, setChosen] = useState<string | null>(keyStorage.readProgram());
  const api = useMemo(() => given ?? createApi(() => keyStorage.read()), [given]);

  const check = useCallback(async () => ok(await api.GET('/v1/me')), [api]);

  const signIn = useCallback(
    async (key: string) => {
      const trimmed = key.trim();
      keyStorage.write(trimmed);
      try {
        const me = await check();
        setPrincipal(me);
        return me;
      } catch (err) {
        keyStorage.clear();
        throw err;
      }
    },
    [check],
  );

  const restore = useCallback(async () => {
    if (!keyStorage.read()) return null;
    try {
      const me = await check();
      setPrincipal(me);
      return me;
    } catch {
      keyStorage.clear();
      return null;
    }
  }, [check]);

  const signOut = useCallback(() => {
    keyStorage.clear();
    setChosen(null);
    setPrincipal(null);
  }, []);

  const setProgram = useCallback((code: string) => {
    keyStorage.writeProgram(code);
    setChosen(code);
  }, []);

  const program = principal?.program ?? chosen;
  const value = useMemo(
    () => ({ api, principal, program, setProgram, signIn, signOut, restore }),
    [api, principal, program, setProgram, signIn, signOut, restore],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The program and the signed-in principal, for pages that only render once both are known. */
export function useScope(): { api: Api; program: string; principal: Principal } {
  const { api, program, principal } = useSession();
  if (!program || !principal) throw new Error('page rendered without a program');
  return { api, program, principal };
}
