// Button looks, as class names for <button> and <Link> alike.
const base =
  "inline-flex min-h-control items-center justify-center gap-2 rounded-control px-4 text-sm font-medium disabled:cursor-not-allowed disabled:opacity-60";

export const buttonClass = {
  primary: `${base} bg-brand text-white hover:bg-brand-dark`,
  secondary: `${base} border border-surface-border bg-surface text-ink hover:bg-surface-muted`,
  danger: `${base} border border-danger-border bg-surface text-danger hover:bg-danger-bg`,
  link: "font-medium text-brand underline underline-offset-2 hover:text-brand-dark",
};
