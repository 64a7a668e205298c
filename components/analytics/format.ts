// Colours and labels of the analytics page. Colours come from the design tokens in
// tailwind.config.ts (Chart.js draws on a canvas and needs the values themselves).
import tailwindConfig from "@/tailwind.config";
import type { SlotType } from "@/components/data/types";

type Palette = {
  brand: { DEFAULT: string; dark: string; light: string };
  warning: { DEFAULT: string; bg: string; border: string };
  success: { DEFAULT: string };
  danger: { DEFAULT: string };
  ink: { muted: string };
};
const palette = tailwindConfig.theme?.extend?.colors as unknown as Palette;

export const CHART_COLORS = {
  brand: palette.brand.DEFAULT,
  brandLight: palette.brand.light,
  peak: palette.warning.border,
  forecast: palette.success.DEFAULT,
};

export const TYPE_COLORS: Record<SlotType, string> = {
  regular: palette.brand.DEFAULT,
  handicap: palette.ink.muted,
  vip: palette.warning.border,
  electric: palette.success.DEFAULT,
};

/** The brand colour at `alpha` (0..1), for the heat map's cells. */
export function brandTint(alpha: number): string {
  const hex = palette.brand.DEFAULT.replace("#", "");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${Math.max(0, Math.min(1, alpha)).toFixed(3)})`;
}

export function formatRate(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
