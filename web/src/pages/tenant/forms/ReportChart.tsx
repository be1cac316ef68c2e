import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import type { Language } from '../../../i18n/index.js';
import type { ChartData } from './reportCells.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export interface ReportChartProps {
  data: ChartData;
  kind: 'bar' | 'line';
  /** The y axis title: the form's unit (千円 …). */
  unit: string;
  /** The x axis title: the column dimension's name. */
  axis: string;
  /** What a screen reader hears for the canvas. */
  label: string;
  lang: Language;
  decimals: number;
}

/**
 * The report's chart on a Chart.js canvas (loaded only when a report is opened). The legend is
 * the page's own HTML beside it, so the canvas draws none; no animation, so what is shown is final.
 */
export default function ReportChart({ data, kind, unit, axis, label, lang, decimals }: ReportChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify({ data, kind, unit, axis, lang, decimals });
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const number = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', {
      maximumFractionDigits: decimals,
    });
    const style = getComputedStyle(el);
    const chart = new Chart(el, {
      type: kind,
      data: {
        labels: data.labels,
        datasets: data.series.map((s) => ({
          label: s.name,
          data: s.values,
          backgroundColor: s.colour,
          borderColor: s.colour,
          borderWidth: kind === 'line' ? 2 : 0,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        font: { family: style.fontFamily },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (ctx) => `${ctx.dataset.label ?? ''}: ${number.format(ctx.parsed.y ?? 0)} ${unit}`,
            },
          },
        },
        scales: {
          x: { title: { display: true, text: axis } },
          y: {
            title: { display: true, text: unit },
            ticks: { callback: (v) => number.format(Number(v)) },
          },
        },
      },
    });
    return () => chart.destroy();
    // `key` stands for every input of the chart: it is redrawn only when one of them changes.
  }, [key]);
  return <canvas ref={canvas} role="img" aria-label={label} data-testid="report-chart-canvas" />;
}
