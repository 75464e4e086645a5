import { resetAppConfig } from '../../src/services/app-config';
import { session } from '../../src/services/session';
import { setLocale } from '../../src/locales';
import { resetTaro } from './taro';

beforeEach(() => {
  resetTaro();
  resetAppConfig();
  session.clear();
  setLocale('zh-CN');
});
