/** Hands `text` to the browser as a file to save (the only way a page writes to the user's disk). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  downloadBytes(fileName, new TextEncoder().encode(text), type);
}

/** Hands bytes to the browser as a file to save, exactly as they are. */
export function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
