import { useEffect, useRef } from 'react';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, DoughnutController, ArcElement);

/** Paints a white background so exported PNGs are not transparent (chart.js docs: "Canvas background"). */
const whiteBackground: Plugin = {
  id: 'redaksiWhiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/** One chart.js chart; `register` hands the canvas to the parent for PNG export. */
export function ChartCanvas({
  config,
  label,
  register,
  height = 260,
}: {
  config: ChartConfiguration;
  label: string;
  register?: (canvas: HTMLCanvasElement | null) => void;
  height?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, {
      ...config,
      options: { ...config.options, animation: false, responsive: true, maintainAspectRatio: false },
      plugins: [...(config.plugins ?? []), whiteBackground],
    });
    register?.(ref.current);
    return () => {
      register?.(null);
      chart.destroy();
    };
  }, [config, register]);
  return (
    <div className="activity-chart" style={{ height }}>
      <canvas ref={ref} role="img" aria-label={label} />
    </div>
  );
}
