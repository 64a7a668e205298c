import type { Config } from "tailwindcss";

// Design tokens, defined once. Tailwind 4 reads this file through `@config` in
// app/globals.css.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        slot: {
          available: "#15803d",
          "available-bg": "#dcfce7",
          occupied: "#b91c1c",
          "occupied-bg": "#fee2e2",
          "out-of-service": "#4b5563",
          "out-of-service-bg": "#e5e7eb",
        },
        brand: { DEFAULT: "#1d4ed8", dark: "#1e3a8a", light: "#dbeafe" },
      },
      borderRadius: { card: "0.75rem" },
      spacing: { gutter: "1rem" },
    },
  },
};

export default config;
