// The payment code drawn on a canvas: weapp's `Canvas type="2d"` node (found with a selector
// query), or the H5 build's <canvas> element. The code itself is never put in the page as text.
import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { drawQr, qrMatrix } from './qr-matrix';

interface Props {
  id: string;
  code: string;
  /** CSS pixels. */
  size: number;
  label: string;
}

export function QrCanvas({ id, code, size, label }: Props) {
  // H5: a plain <canvas> (Taro's H5 Canvas draws its inner element after mount, and resizes it).
  const element = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let cancelled = false;
    const matrix = qrMatrix(code);
    const draw = (canvas: HTMLCanvasElement | Taro.Canvas, ratio: number) => {
      if (cancelled) return;
      canvas.width = size * ratio;
      canvas.height = size * ratio;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | null;
      if (ctx) drawQr(ctx, matrix, size * ratio);
    };
    if (BUILD_TARGET === 'h5') {
      if (element.current) draw(element.current, Math.ceil(window.devicePixelRatio || 1));
    } else {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: { node?: Taro.Canvas }[]) => {
          const node = res?.[0]?.node;
          if (node) draw(node, Taro.getWindowInfo?.().pixelRatio ?? 2);
        });
    }
    return () => {
      cancelled = true;
    };
  }, [id, code, size]);

  return (
    <View className="qr" aria-role="img" aria-label={label}>
      {BUILD_TARGET === 'h5' ? (
        <canvas ref={element} id={id} style={{ width: `${size}px`, height: `${size}px` }} />
      ) : (
        <Canvas
          id={id}
          canvasId={id}
          type="2d"
          style={{ width: `${size}px`, height: `${size}px` }}
        />
      )}
    </View>
  );
}
