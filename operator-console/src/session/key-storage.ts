// The API key lives in sessionStorage only: gone when the tab closes, never in localStorage, a
// cookie or a log line. The admin's chosen program sits beside it (not a secret).
const KEY = 'tanlian.console.apiKey';
const PROGRAM = 'tanlian.console.program';

export const keyStorage = {
  read: (): string | null => sessionStorage.getItem(KEY),
  write: (key: string): void => sessionStorage.setItem(KEY, key),
  clear: (): void => {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(PROGRAM);
  },
  readProgram: (): string | null => sessionStorage.getItem(PROGRAM),
  writeProgram: (code: string): void => sessionStorage.setItem(PROGRAM, code),
};
