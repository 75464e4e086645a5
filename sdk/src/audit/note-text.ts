// Text rules shared by signed notes and keys (C2SP signed-note).

/**
 * Notes must be valid UTF-8 with no ASCII control characters other than newline. A JavaScript
 * string is valid UTF-8 exactly when it has no unpaired surrogate.
 */
export function isValidNoteText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

/** Splits at the first `sep`, like Go's note.chop: without `sep`, everything is "before". */
export function chop(s: string, sep: string): [before: string, after: string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + sep.length)];
}
