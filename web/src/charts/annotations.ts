/**
 * Annotations drawn on time charts: a dashed vertical line per annotation, labelled with its title,
 * at the day, week or month that contains its date (category axes) or at its instant (time axes).
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { ChartTheme } from './theme';

/** A line to draw: `x` is a category index or, on a time axis, an instant in ms. */
export interface ChartMark {
  readonly x: number;
  /** The title, shortened for the chart. */
  readonly label: string;
  readonly title: string;
  /** The annotation's date (YYYY-MM-DD or an instant), for the list under the chart. */
  readonly at: string;
}

export interface DatedNote {
  readonly at: string;
  readonly title: string;
}

const MAX_LABEL = 28;
const short = (title: string) => (title.length > MAX_LABEL ? `${title.slice(0, MAX_LABEL - 1)}…` : title);

/**
 * Marks on a category axis whose categories start at `starts` (YYYY-MM-DD or ISO instants, in
 * order): an annotation goes on the last category starting at or before it; one before the first
 * category is left out, one after the last category's start belongs to it only when `end` (the
 * end of the last category) is after it.
 */
export function marksOnCategories(
  starts: readonly string[],
  end: string,
  notes: readonly DatedNote[],
): ChartMark[] {
  const times = starts.map((s) => Date.parse(s));
  const endMs = Date.parse(end);
  const marks: ChartMark[] = [];
  for (const note of notes) {
    const at = Date.parse(note.at);
    if (!(at >= (times[0] ?? Number.POSITIVE_INFINITY)) || !(at < endMs)) continue;
    let index = 0;
    for (let i = 0; i < times.length; i++) if ((times[i] as number) <= at) index = i;
    marks.push({ x: index, label: short(note.title), title: note.title, at: note.at });
  }
  return marks;
}

/** Marks on a time axis. */
export function marksOnTime(notes: readonly DatedNote[]): ChartMark[] {
  return notes.map((note) => ({
    x: Date.parse(note.at),
    label: short(note.title),
    title: note.title,
    at: note.at,
  }));
}

/**
 * The chart's option with the marks added: an extra, data-less series that carries them, so the
 * chart's own series (and their mark lines) stay as they are.
 */
export function withMarks(
  option: EChartsCoreOption,
  marks: readonly ChartMark[],
  theme: ChartTheme,
): EChartsCoreOption {
  if (marks.length === 0) return option;
  const series = Array.isArray(option.series)
    ? option.series
    : option.series === undefined
      ? []
      : [option.series];
  return {
    ...option,
    series: [
      ...series,
      {
        id: 'annotations',
        name: 'Annotations',
        type: 'line',
        data: [],
        silent: false,
        tooltip: { show: false },
        markLine: {
          symbol: ['none', 'triangle'],
          symbolSize: 7,
          animation: false,
          lineStyle: { color: theme.text, type: 'dashed', width: 1.2, opacity: 0.75 },
          label: {
            formatter: '{b}',
            position: 'insideEndTop',
            color: theme.text,
            fontSize: 11,
          },
          data: marks.map((m) => ({ name: m.label, xAxis: m.x })),
        },
      },
    ],
  };
}
