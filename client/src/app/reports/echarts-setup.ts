import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the reports draw, so the chunk stays small: bars, axes, tooltips, legends, SVG (sharp in print).
echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { echarts };
