// Names for the API's shapes, read from the generated schema (none written by hand).
import type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON a route answers on success (200 or 201). */
export type ResponseOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer B }
      ? JsonOf<B>
      : never
  : never;

/** The JSON body a route takes. */
export type BodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

type Programs = '/v1/programs';
type Participants = '/v1/programs/{program}/participants';
type Participant = '/v1/programs/{program}/participants/{participant}';

export type ProgramView = ResponseOf<Programs, 'get'>[number];
export type ParticipantView = ResponseOf<Participants, 'get'>[number];
export type ApiKeyView = ResponseOf<`${Participant}/api-keys`, 'get'>[number];
export type WebhookSecretView = ResponseOf<`${Participant}/webhook-secrets`, 'get'>[number];
export type DeliveryView = ResponseOf<
  `${Participant}/callback/deliveries`,
  'get'
>['deliveries'][number];
export type OperatorEvent = ResponseOf<
  '/v1/programs/{program}/operators/{operator}/events',
  'get'
>['events'][number];
export type MethodologyView = ResponseOf<'/v1/programs/{program}/methodologies', 'get'>[number];
export type MethodologyDefinition = MethodologyView['definition'];
export type MethodologyPreview = ResponseOf<'/v1/programs/{program}/methodologies/preview', 'post'>;
export type StoreView = ResponseOf<`${Participant}/stores`, 'get'>['stores'][number];
export type OfferView = ResponseOf<`${Participant}/offers`, 'get'>['offers'][number];
export type RedemptionView = ResponseOf<`${Participant}/redemptions/{redemption}`, 'get'>;
export type CheckpointView = ResponseOf<
  '/v1/programs/{program}/audit/checkpoints',
  'get'
>['checkpoints'][number];
export type CycleView = ResponseOf<
  '/v1/programs/{program}/clearing/cycles',
  'get'
>['cycles'][number];
export type CycleDetailView = ResponseOf<'/v1/programs/{program}/clearing/cycles/{cycle}', 'get'>;
export type CycleFileView = CycleDetailView['files'][number];
export type PositionView = CycleDetailView['positions'][number];
export type ClearingSettingsView = ResponseOf<'/v1/programs/{program}/clearing/settings', 'get'>;
export type ClearingSettingsUpdate = BodyOf<'/v1/programs/{program}/clearing/settings', 'put'>;
export type StaffView = ResponseOf<'/v1/programs/{program}/staff', 'get'>[number];
