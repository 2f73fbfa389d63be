import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { launchMarker } from './marker.js';
import { GRID, MUTED_INK } from './palette.js';

let done = false;

/** Registers only what escucha draws (line and bar charts), so the bundle tree-shakes the rest. */
export function setupCharts(): typeof Chart {
  if (done) return Chart;
  Chart.register(LineController, BarController, LineElement, BarElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip, Legend, launchMarker);
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  Chart.defaults.font.size = 12;
  Chart.defaults.color = MUTED_INK;
  Chart.defaults.borderColor = GRID;
  Chart.defaults.animation = false;
  done = true;
  return Chart;
}
