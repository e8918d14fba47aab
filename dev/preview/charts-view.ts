// The Sheets charts of a tab, drawn simply: horizontal SVG bars of the chart's range (a pie or a column
// chart too), so that the preview shows what the add-on asked Sheets to draw.
import { parseA1, splitSheetName } from '../workspace/a1';
import type { InspectedChart, InspectedTab } from '../workspace';
import { escapeHtml } from './docs-view';

// Google Charts' first colours.
const COLOURS = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1', '#ff7043', '#9e9d24'];
const WIDTH = 520;
const BAR = 14;

export interface ChartSeries {
  readonly name: string;
  readonly values: readonly number[];
}

export interface ChartTable {
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The values of a range such as "'Survey Summary'!F1:K2" in the tabs; null when it cannot be read. */
function rangeValues(notation: string, tabs: readonly InspectedTab[]): unknown[][] | null {
  const { sheetName, ref } = splitSheetName(notation);
  const tab = tabs.find((t) => t.name === sheetName);
  if (!tab) return null;
  const box = parseA1(ref, Math.max(tab.values.length, 1), Math.max(tab.values[0]?.length ?? 0, 1));
  if (!box) return null;
  return Array.from({ length: box.numRows }, (_, i) =>
    Array.from(
      { length: box.numColumns },
      (_x, j) => tab.values[box.row - 1 + i]?.[box.column - 1 + j] ?? '',
    ),
  );
}

/**
 * Categories and series of a chart as Sheets reads its range: each column a series (each row when
 * transposed); the first column holds the labels when it is text; the first row names the series when
 * its cells are text.
 */
export function chartTable(chart: InspectedChart, tabs: readonly InspectedTab[]): ChartTable | null {
  const parts = chart.ranges.map((r) => rangeValues(r, tabs));
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  // Several ranges sit side by side, row for row (MERGE_COLUMNS).
  const height = Math.max(...parts.map((p) => p?.length ?? 0));
  let grid: unknown[][] = Array.from({ length: height }, (_, i) => parts.flatMap((p) => p?.[i] ?? []));
  if (chart.transpose) grid = (grid[0] ?? []).map((_, j) => grid.map((row) => row[j]));
  if (grid.length === 0) return null;
  const labelled = grid.some((row) => typeof row[0] === 'string' && row[0] !== '');
  const first = labelled ? 1 : 0;
  const headed =
    chart.numHeaders !== 0 && grid[0].slice(first).some((v) => typeof v === 'string' && v !== '');
  const rows = headed ? grid.slice(1) : grid;
  const width = grid[0].length;
  const series: ChartSeries[] = [];
  for (let j = first; j < width; j++) {
    const name = headed ? String(grid[0][j] ?? '') : chart.title;
    series.push({
      name,
      values: rows.map((r): number => {
        const v = r[j];
        return isNumber(v) ? v : 0;
      }),
    });
  }
  const labels = rows.map((r, i) => (labelled ? String(r[0] ?? '') : String(i + 1)));
  return { labels, series };
}

const round = (n: number) => String(Math.round(n * 100) / 100);

/** One chart as an SVG figure with its title, a legend when it has several series, and a bar per value. */
export function chartSvg(chart: InspectedChart, tabs: readonly InspectedTab[]): string {
  const table = chartTable(chart, tabs);
  const title = chart.title || 'Chart';
  if (!table || table.series.length === 0 || table.labels.length === 0) {
    return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><p>No data in ${escapeHtml(chart.ranges.join(', '))}.</p></figure>`;
  }
  const stacked = chart.stacked && table.series.length > 1;
  const totals = table.labels.map((_, i) =>
    stacked
      ? table.series.reduce((sum, s) => sum + Math.max(0, s.values[i]), 0)
      : Math.max(...table.series.map((s) => s.values[i])),
  );
  const max = Math.max(...totals, chart.axisMax ?? 0, 0) || 1;
  const plot = WIDTH - 60;
  const perCategory = 18 + (stacked ? BAR : BAR * table.series.length) + 8;
  const legend = table.series.length > 1 ? 22 : 0;
  const height = legend + perCategory * table.labels.length + 4;
  let svg = '';
  if (legend) {
    let x = 0;
    table.series.forEach((s, k) => {
      svg += `<rect x="${x}" y="4" width="10" height="10" fill="${COLOURS[k % COLOURS.length]}"/><text x="${x + 14}" y="13">${escapeHtml(s.name)}</text>`;
      x += 24 + Math.min(s.name.length, 24) * 6.5;
    });
  }
  table.labels.forEach((label, i) => {
    const top = legend + i * perCategory;
    const shown = label.length > 90 ? `${label.slice(0, 89)}…` : label;
    svg += `<text x="0" y="${top + 13}"><title>${escapeHtml(label)}</title>${escapeHtml(shown)}</text>`;
    let x = 0;
    table.series.forEach((s, k) => {
      const v = Math.max(0, s.values[i]);
      const w = (v / max) * plot;
      const y = top + 18 + (stacked ? 0 : k * BAR);
      const fill = COLOURS[k % COLOURS.length];
      svg += `<rect x="${stacked ? x : 0}" y="${y}" width="${w.toFixed(1)}" height="${BAR - 2}" fill="${fill}"><title>${escapeHtml(`${s.name}: ${round(s.values[i])}`)}</title></rect>`;
      if (!stacked)
        svg += `<text x="${(w + 4).toFixed(1)}" y="${y + 10}" class="value">${round(s.values[i])}</text>`;
      x += w;
    });
    if (stacked)
      svg += `<text x="${(x + 4).toFixed(1)}" y="${top + 28}" class="value">${round(totals[i])}</text>`;
  });
  const kind = chart.type.toLowerCase();
  return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><svg role="img" aria-label="${escapeHtml(`${title}: bar chart`)}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Roboto,Arial,sans-serif" font-size="12">${svg}</svg><p class="chart-note">A ${escapeHtml(kind)} chart in Sheets, drawn here as bars from ${escapeHtml(chart.ranges.join(', '))}.</p></figure>`;
}
