import type { Chart, ChartType, Plugin } from 'chart.js';
import { ALERT } from './palette.js';

export interface MarkerOptions {
  /** Index of the category (x label) to mark; nothing is drawn when null or out of range. */
  index: number | null;
  label: string;
}

declare module 'chart.js' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the parameter must match chart.js's own declaration
  interface PluginOptionsByType<TType extends ChartType> {
    launchMarker?: MarkerOptions;
  }
}

/** Draws a dashed vertical line with a label at one x category: a campaign's launch day. */
export const launchMarker: Plugin = {
  id: 'launchMarker',
  afterDatasetsDraw(chart: Chart, _args, options: MarkerOptions) {
    const { index, label } = options ?? { index: null, label: '' };
    const x = chart.scales.x;
    if (index === null || index === undefined || !x || index < 0 || index >= (chart.data.labels?.length ?? 0)) return;
    const px = x.getPixelForValue(index);
    const { top, bottom } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = ALERT;
    ctx.lineWidth = 2;
    ctx.setLineDash([5, 4]);
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = ALERT;
    ctx.font = '600 12px system-ui, sans-serif';
    const width = ctx.measureText(label).width;
    const left = px + 6 + width > chart.chartArea.right ? px - 6 - width : px + 6;
    ctx.fillText(label, left, top + 12);
    ctx.restore();
  },
};
