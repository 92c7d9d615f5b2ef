import { formatCents } from '../common/money';

/**
 * Revenue per day as SVG geometry, computed on the server: the page draws it with no script
 * and no style attribute (the CSP allows neither), only SVG presentation attributes.
 */
export interface RevenueChart {
  width: number;
  height: number;
  bars: { x: number; y: number; width: number; height: number; title: string }[];
  /** Labels on the day axis: the first, the middle and the last day. */
  ticks: { x: number; label: string }[];
  maxLabel: string;
  /** The chart in one sentence, for a screen reader. */
  summary: string;
}

const WIDTH = 600;
const HEIGHT = 200;
const AXIS = 20;

export function revenueChart(days: { day: string; revenue: number }[]): RevenueChart {
  const max = Math.max(0, ...days.map((day) => day.revenue));
  const slot = WIDTH / Math.max(days.length, 1);
  const plot = HEIGHT - AXIS;
  const bars = days.map((day, i) => {
    // Integer cents scaled in floating point only for drawing; the figures shown are exact.
    const height = max === 0 ? 0 : Math.round((day.revenue / max) * plot * 10) / 10;
    return {
      x: Math.round(i * slot * 10) / 10 + 1,
      y: Math.round((plot - height) * 10) / 10,
      width: Math.max(Math.round((slot - 2) * 10) / 10, 1),
      height,
      title: `${day.day}: ${formatCents(day.revenue)}`,
    };
  });
  const tickAt = [0, Math.floor((days.length - 1) / 2), days.length - 1].filter((i, n, all) => i >= 0 && all.indexOf(i) === n);
  const best = days.reduce<{ day: string; revenue: number } | undefined>((top, day) => (!top || day.revenue > top.revenue ? day : top), undefined);
  const total = days.reduce((sum, day) => sum + day.revenue, 0);
  const summary =
    days.length === 0
      ? 'No days to show.'
      : `Revenue per day from ${days[0].day} to ${days[days.length - 1].day}: ${formatCents(total)} in all` +
        (best && best.revenue > 0 ? `, the best day ${best.day} with ${formatCents(best.revenue)}.` : ', no sales on any day.');
  return {
    width: WIDTH,
    height: HEIGHT,
    bars,
    ticks: tickAt.map((i) => ({ x: Math.round((i * slot + slot / 2) * 10) / 10, label: days[i].day })),
    maxLabel: formatCents(max),
    summary,
  };
}
