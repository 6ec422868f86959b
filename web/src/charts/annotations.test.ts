import { describe, expect, it } from 'vitest';
import { marksOnCategories, marksOnTime, withMarks } from './annotations';
import type { ChartTheme } from './theme';

const weeks = ['2026-03-02', '2026-03-09', '2026-03-16'];

describe('annotation marks', () => {
  it('puts an annotation on the category that contains it', () => {
    const marks = marksOnCategories(weeks, '2026-03-23', [
      { at: '2026-03-02T00:00:00.000Z', title: 'first day' },
      { at: '2026-03-11T15:00:00.000Z', title: 'mid week' },
      { at: '2026-03-22T23:59:59.000Z', title: 'last instant' },
    ]);
    expect(marks.map((m) => [m.x, m.title])).toEqual([
      [0, 'first day'],
      [1, 'mid week'],
      [2, 'last instant'],
    ]);
  });

  it('leaves out annotations before the first category and from the end on', () => {
    const marks = marksOnCategories(weeks, '2026-03-23', [
      { at: '2026-03-01T23:59:59.000Z', title: 'before' },
      { at: '2026-03-23T00:00:00.000Z', title: 'at the end' },
    ]);
    expect(marks).toEqual([]);
    expect(marksOnCategories([], '2026-03-23', [{ at: '2026-03-10', title: 'none' }])).toEqual([]);
  });

  it('shortens long titles on the chart and keeps them whole for the list', () => {
    const title = 'Moved every team of the platform value stream to trunk-based development';
    const [mark] = marksOnTime([{ at: '2026-03-10T00:00:00.000Z', title }]);
    expect(mark?.x).toBe(Date.parse('2026-03-10T00:00:00.000Z'));
    expect(mark?.title).toBe(title);
    expect(mark?.label.length).toBeLessThanOrEqual(28);
    expect(mark?.label.endsWith('…')).toBe(true);
  });

  it('adds one data-less series carrying the lines, and leaves the option alone without marks', () => {
    const theme = { text: '#111' } as ChartTheme;
    const option = { series: [{ type: 'bar', data: [1, 2, 3] }] };
    expect(withMarks(option, [], theme)).toBe(option);
    const marked = withMarks(
      option,
      marksOnCategories(weeks, '2026-03-23', [{ at: '2026-03-10', title: 'x' }]),
      theme,
    );
    const series = marked.series as { data: unknown[]; markLine?: { data: unknown[] } }[];
    expect(series).toHaveLength(2);
    expect(series[0]).toBe(option.series[0]);
    expect(series[1]?.data).toEqual([]);
    expect(series[1]?.markLine?.data).toEqual([{ name: 'x', xAxis: 1 }]);
  });
});
