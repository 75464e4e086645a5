// Operator accounts bound to the resident: the list, and binding with an operator's one-time
// token (scanned from its QR: wx.scanCode → bt_… → POST …/me/bindings).
import Taro from '@tarojs/taro';
import { call, type ApiAnswer } from './api';

export type Binding = ApiAnswer<'/v1/programs/{program}/residents/me/bindings', 'get'>[number];
export type Resident = ApiAnswer<'/v1/programs/{program}/residents/me', 'get'>;

export const BINDING_TOKEN = /^bt_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/;

export function fetchBindings(): Promise<Binding[]> {
  return call('get', '/v1/programs/{program}/residents/me/bindings');
}

export function fetchResident(): Promise<Resident> {
  return call('get', '/v1/programs/{program}/residents/me');
}

export function bind(token: string): Promise<Binding> {
  return call('post', '/v1/programs/{program}/residents/me/bindings', { body: { token } });
}

/** The token in a scanned text: the token itself, or a URL carrying it as `?token=`. */
export function tokenIn(scanned: string): string | undefined {
  const text = scanned.trim();
  if (BINDING_TOKEN.test(text)) return text;
  const match = /[?&]token=(bt_[0-9a-f]{16}\.[A-Za-z0-9_-]{43})/.exec(text);
  return match?.[1];
}

export async function scanToken(): Promise<string | undefined> {
  const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
  return tokenIn(res.result);
}
