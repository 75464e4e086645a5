import { randomBytes } from 'node:crypto';
import { armFaultPoint, faultPoint } from '../../src/config/fault-points';
import { loadConfig } from '../../src/config/load-config';

const base = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/tanlian',
  REDIS_URL: 'redis://127.0.0.1:6379',
  TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
};

it('arms no fault point unless TANLIAN_FAULT names one', () => {
  expect(loadConfig(base).faultPoint).toBeNull();
  expect(loadConfig({ ...base, TANLIAN_FAULT: 'cycle.issue.file' }).faultPoint).toBe(
    'cycle.issue.file',
  );
});

it('refuses an unknown point, and any point under NODE_ENV=production', () => {
  expect(() => loadConfig({ ...base, TANLIAN_FAULT: 'cycle.isue.file' })).toThrow(
    /TANLIAN_FAULT must be one of cycle\.close\.before, /,
  );
  expect(() =>
    loadConfig({ ...base, TANLIAN_FAULT: 'cycle.issue.file', NODE_ENV: 'production' }),
  ).toThrow('config error: TANLIAN_FAULT is for crash tests, never with NODE_ENV=production');
});

it('kills the process at the armed point only', () => {
  // The kill itself is the crash test's (clearing-crash.e2e-spec.ts, a built worker); here, who is asked.
  const kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
  try {
    armFaultPoint('cycle.issue.file');
    faultPoint('cycle.close.before');
    expect(kill).not.toHaveBeenCalled();
    faultPoint('cycle.issue.file');
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGKILL');
  } finally {
    armFaultPoint(null);
    kill.mockRestore();
  }
});
