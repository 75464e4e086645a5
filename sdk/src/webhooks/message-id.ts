// Rules for the webhook-id (an event's idempotency key). The spec warns that an id containing
// '.' makes the signed content `${id}.${timestamp}.${body}` ambiguous: an attacker could move
// bytes between the id and the body without breaking the signature. So ids are limited to
// visible ASCII without '.', which is also what HTTP header values carry safely.

export const MAX_MESSAGE_ID_LENGTH = 256;

export function isValidMessageId(id: unknown): id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_MESSAGE_ID_LENGTH) return false;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x21 || code > 0x7e || code === 0x2e /* '.' */) return false;
  }
  return true;
}
