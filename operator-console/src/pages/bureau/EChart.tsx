import * as echarts from 'echarts';
import { useEffect, useRef } from 'react';

/** An ECharts chart in a div; `onBarClick` gets the clicked category's label. */
export function EChart({
  option,
  height = 320,
  onBarClick,
  label,
}: {
  option: echarts.EChartsOption;
  height?: number;
  onBarClick?: (category: string) => void;
  label: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current);
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  useEffect(() => {
    const c = chart.current;
    if (!c || !onBarClick) return;
    const handler = (p: { name?: string }) => {
      if (p.name) onBarClick(p.name);
    };
    c.on('click', handler);
    return () => {
      c.off('click', handler);
    };
  }, [onBarClick]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
