import type { Config } from "tailwindcss";

// Design tokens, defined once. Tailwind 4 reads this file through `@config` in
// app/globals.css. Components use these names (bg-slot-available-bg, rounded-card,
// p-card, …) and never raw hex values, so a colour or a radius changes here only.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // Slot states. Each has a strong colour (text, borders; 4.5:1 on white and on
        // its own -bg) and a light background. Colour is never the only signal: every
        // state also has an icon and a word (components/slots/slot-status.tsx).
        slot: {
          available: "#15803d",
          "available-bg": "#dcfce7",
          occupied: "#b91c1c",
          "occupied-bg": "#fee2e2",
          "out-of-service": "#4b5563",
          "out-of-service-bg": "#e5e7eb",
        },
        brand: { DEFAULT: "#1d4ed8", dark: "#1e3a8a", light: "#dbeafe" },
        surface: { DEFAULT: "#ffffff", muted: "#f9fafb", border: "#d1d5db" },
        ink: { DEFAULT: "#111827", muted: "#4b5563" },
        warning: { DEFAULT: "#92400e", bg: "#fef3c7", border: "#f59e0b" },
        danger: { DEFAULT: "#b91c1c", bg: "#fee2e2", border: "#f87171" },
        success: { DEFAULT: "#166534", bg: "#dcfce7", border: "#4ade80" },
      },
      borderRadius: { card: "0.75rem", control: "0.5rem", pill: "9999px" },
      spacing: {
        gutter: "1rem",
        card: "1rem",
        section: "1.5rem",
        tile: "2.75rem",
        control: "2.5rem",
      },
      maxWidth: { page: "72rem" },
    },
  },
};

export default config;
