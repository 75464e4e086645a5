import { MerchantItemCode } from '@tanlian/sdk';
import { ZodPipe } from '../../http/zod-pipe';

export const storeParam = new ZodPipe(MerchantItemCode, 'store');
export const offerParam = new ZodPipe(MerchantItemCode, 'offer');
