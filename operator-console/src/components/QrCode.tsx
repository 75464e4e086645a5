import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code of `text`, drawn in the browser (the text never leaves it). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void toDataURL(text, { margin: 2, width: 240 }).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [text]);
  return src ? <img src={src} alt={label} width={240} height={240} /> : null;
}
