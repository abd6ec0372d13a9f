import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only what the reports draw, so the chunk stays small: bars, axes, tooltips, legends, SVG (sharp in print).
// Named imports only: `import * as echarts from 'echarts/core'` re-exported as a namespace keeps every export of
// echarts/core (graphic, util, number, time, format, maps, data tools…) in the chunk, since the bundler cannot know
// which of them a caller reads.
use([BarChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export { init };
