/**
 * Chart colours and styles from the page's CSS variables, so charts follow the light or dark
 * theme of the system, and change with it.
 */
import { useEffect, useState } from 'react';

export interface ChartTheme {
  readonly dark: boolean;
  readonly text: string;
  readonly muted: string;
  readonly faint: string;
  readonly border: string;
  readonly surface: string;
  readonly bg: string;
  /** `feature`, `ideate`, `waiting`, `p85`, …: the --c-* variables. */
  readonly color: (name: string) => string;
}

const DARK = '(prefers-color-scheme: dark)';

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string) => style.getPropertyValue(name).trim();
  const colors = new Map<string, string>();
  return {
    dark: window.matchMedia(DARK).matches,
    text: v('--text'),
    muted: v('--muted'),
    faint: v('--faint'),
    border: v('--border'),
    surface: v('--surface'),
    bg: v('--bg'),
    color: (name) => {
      let color = colors.get(name);
      if (color === undefined) {
        color = v(`--c-${name}`) || v('--c-unmapped');
        colors.set(name, color);
      }
      return color;
    },
  };
}

/** The current chart theme; re-renders when the system switches between light and dark. */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const query = window.matchMedia(DARK);
    const update = () => setTheme(readTheme());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return theme;
}

/** Shared option parts: text, grid, tooltip and axes in the theme's colours. */
export function base(theme: ChartTheme) {
  return {
    animationDuration: 300,
    textStyle: { fontFamily: 'inherit', color: theme.muted, fontSize: 12 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: {
      backgroundColor: theme.surface,
      borderColor: theme.border,
      textStyle: { color: theme.text, fontSize: 12 },
      confine: true,
    },
    legend: {
      top: 0,
      left: 0,
      icon: 'roundRect',
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: theme.muted, fontSize: 12 },
    },
  };
}

export function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.border } },
    axisTick: { lineStyle: { color: theme.border } },
    axisLabel: { color: theme.muted, fontSize: 11 },
    splitLine: { lineStyle: { color: theme.border, opacity: 0.7 } },
    nameTextStyle: { color: theme.muted, fontSize: 11 },
  };
}
