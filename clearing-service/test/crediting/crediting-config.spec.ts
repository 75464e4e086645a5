import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/load-config';

const base = {
  DATABASE_URL: 'mysql://root@127.0.0.1:3306/tanlian',
  REDIS_URL: 'redis://127.0.0.1:6379',
  TANLIAN_SECRETS_KEY: randomBytes(32).toString('base64'),
};

it('runs two crediting lanes, the worker at nice 5, unless told otherwise', () => {
  expect(loadConfig(base).crediting).toEqual({ lanes: 2, workerNice: 5 });
  expect(loadConfig({ ...base, CREDITING_LANES: '4', WORKER_NICE: '0' }).crediting).toEqual({
    lanes: 4,
    workerNice: 0,
  });
});

it('refuses lanes and nice values out of range, naming the variable', () => {
  expect(() => loadConfig({ ...base, CREDITING_LANES: '9' })).toThrow(/CREDITING_LANES/);
  expect(() => loadConfig({ ...base, CREDITING_LANES: '0' })).toThrow(/CREDITING_LANES/);
  expect(() => loadConfig({ ...base, WORKER_NICE: '20' })).toThrow(/WORKER_NICE.*0-19/);
  expect(() => loadConfig({ ...base, WORKER_NICE: '-1' })).toThrow(/WORKER_NICE.*0-19/);
});
