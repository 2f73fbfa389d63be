import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';
import { encodeRgbPng } from './png.js';

/**
 * Chart.js on @napi-rs/canvas, server-side: every chart is drawn at `SCALE`× its size in PDF
 * points (216 dpi), on white, with DejaVu Sans, and reads in greyscale: one dark ink for "this
 * week", hatching for "the week before", dashes and hollow markers for comparison lines, and
 * values written on the marks rather than told apart by colour.
 */

export const SCALE = 3;
export const INK = '#1d3557';
export const GREY = '#6b7280';
const FONT = 'DejaVu Sans';

let ready = false;
function setup(): void {
  if (ready) return;
  Chart.register(...registerables);
  GlobalFonts.registerFromPath(fileURLToPath(new URL('../../assets/fonts/DejaVuSans.ttf', import.meta.url)), FONT);
  Chart.defaults.font.family = FONT;
  Chart.defaults.font.size = 7.5;
  Chart.defaults.color = '#374151';
  ready = true;
}

/** Chart size in PDF points. */
export interface ChartSize {
  width: number;
  height: number;
}

/** Text drawn next to the marks of one dataset: on top of vertical bars, right of horizontal ones. */
export interface ValueLabels {
  dataset: number;
  text: (index: number) => string;
}

/** Renders a chart configuration to an opaque PNG (animation off, fixed size, white background). */
export async function renderChart(config: ChartConfiguration, size: ChartSize, labels: ValueLabels[] = [], options: { paddingTop?: number } = {}): Promise<Buffer> {
  setup();
  const canvas = createCanvas(size.width, size.height);
  const context = canvas.getContext('2d');
  const chart = new Chart(context as unknown as CanvasRenderingContext2D, {
    ...config,
    options: {
      ...config.options,
      responsive: false,
      animation: false,
      devicePixelRatio: SCALE,
      layout: { padding: { top: options.paddingTop ?? 4, right: 8, bottom: 0, left: 0 } },
    },
    plugins: [whiteBackground, valueLabels(labels), ...(config.plugins ?? [])],
  } as ChartConfiguration);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  chart.destroy();
  return encodeRgbPng(pixels.data, canvas.width, canvas.height);
}

const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

function valueLabels(labels: ValueLabels[]): Plugin {
  return {
    id: 'valueLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const horizontal = (chart.options as { indexAxis?: string }).indexAxis === 'y';
      ctx.save();
      ctx.font = `7px "${FONT}"`;
      ctx.fillStyle = '#111827';
      // Labels that would overlap one already written are dropped (dense points, close values).
      const drawn: { x0: number; x1: number; y0: number; y1: number }[] = [];
      const fits = (box: { x0: number; x1: number; y0: number; y1: number }) => !drawn.some((d) => box.x0 < d.x1 && d.x0 < box.x1 && box.y0 < d.y1 && d.y0 < box.y1);
      for (const { dataset, text } of labels) {
        const meta = chart.getDatasetMeta(dataset);
        if (meta.hidden) continue;
        meta.data.forEach((element, index) => {
          const value = text(index);
          if (!value) return;
          const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
          const width = ctx.measureText(value).width;
          const box = horizontal ? { x0: x + 3, x1: x + 3 + width, y0: y - 4, y1: y + 4 } : { x0: x - width / 2 - 1, x1: x + width / 2 + 1, y0: y - 10, y1: y - 2 };
          if (!fits(box)) return;
          drawn.push(box);
          if (horizontal) {
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillText(value, x + 3, y);
          } else {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText(value, x, y - 2);
          }
        });
      }
      ctx.restore();
    },
  };
}

/** Diagonal hatching on white, for "the week before" in bars. */
export function hatch(ink = GREY): CanvasPattern {
  setup();
  const s = 4 * SCALE;
  const tile: Canvas = createCanvas(s, s);
  const context: SKRSContext2D = tile.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, s, s);
  context.strokeStyle = ink;
  context.lineWidth = SCALE * 0.6;
  context.lineCap = 'square';
  context.beginPath();
  // The diagonal plus the two corner pieces of its neighbours, so lines join across tiles.
  context.moveTo(0, s);
  context.lineTo(s, 0);
  context.moveTo(-s / 4, s / 4);
  context.lineTo(s / 4, -s / 4);
  context.moveTo((3 * s) / 4, (5 * s) / 4);
  context.lineTo((5 * s) / 4, (3 * s) / 4);
  context.stroke();
  const pattern = createCanvas(1, 1).getContext('2d').createPattern(tile, 'repeat');
  return pattern as unknown as CanvasPattern;
}
