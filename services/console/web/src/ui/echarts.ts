// Only the chart types and components the pages use (tree-shaken from echarts/core), canvas renderer for PNG export.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, MarkPointComponent, TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  LineChart, ScatterChart, HeatmapChart, BarChart,
  GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, MarkLineComponent, MarkPointComponent, VisualMapComponent, TitleComponent,
  CanvasRenderer,
]);

export { echarts };
export type { EChartsCoreOption as ChartOption, ECharts } from 'echarts/core';
