import type { Metadata, Viewport } from "next";
import { Header } from "@/components/layout/header";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Smart Parking", template: "%s · Smart Parking" },
  description: "Find, reserve and pay for a parking slot.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-surface-muted text-ink min-h-screen">
        <a
          href="#main"
          className="focus:rounded-control focus:bg-surface sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <Providers>
          <Header />
          <main id="main" className="max-w-page px-gutter py-section mx-auto">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
