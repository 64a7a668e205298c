// A message in words, with its way out (a link or a button) beside it.
const tones = {
  error: "border-danger-border bg-danger-bg text-danger",
  warning: "border-warning-border bg-warning-bg text-warning",
  success: "border-success-border bg-success-bg text-success",
  info: "border-brand bg-brand-light text-brand-dark",
};
const icons = { error: "✕", warning: "⚠", success: "✓", info: "ℹ" };

export function Alert({
  tone,
  children,
  action,
  testId,
}: {
  tone: keyof typeof tones;
  children: React.ReactNode;
  action?: React.ReactNode;
  testId?: string;
}) {
  return (
    <div
      role={tone === "error" || tone === "warning" ? "alert" : "status"}
      className={`rounded-control flex flex-wrap items-start gap-2 border p-3 text-sm ${tones[tone]}`}
      data-testid={testId}
    >
      <span aria-hidden="true">{icons[tone]}</span>
      <div className="min-w-0 flex-1">{children}</div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}
