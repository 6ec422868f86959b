/**
 * Apache ECharts through `echarts/core`, with only the charts and components the screens use
 * registered, so nothing else is bundled. Loaded on demand by <Chart>, as a chunk of its own: the
 * first screen paints before it arrives.
 */
import { BarChart, GraphChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  GraphChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export { init };
