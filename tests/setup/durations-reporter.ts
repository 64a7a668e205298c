// A vitest reporter (vitest.config.ts, beside the default one) that prints where a run's
// time went: per project the total of its files' times, then the slowest files. A file's
// time counts its tests and hooks; a project's global setup (migrating and seeding its
// database, starting its server) is not in any file's and shows in the run's total only.
// docs/testing.md holds the figures of a CI run.
import type { Reporter, TestModule } from "vitest/node";

const SLOWEST = 12;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`.padStart(8);

export default class DurationsReporter implements Reporter {
  private runStarted = 0;

  onTestRunStart(): void {
    this.runStarted = performance.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const files = modules
      .filter((m) => m.state() !== "skipped")
      .map((m) => ({
        project: m.project.name,
        file: m.relativeModuleId,
        ms: m.diagnostic().duration,
      }));
    if (files.length === 0) return;
    const projects = new Map<string, { files: number; ms: number }>();
    for (const { project, ms } of files) {
      const total = projects.get(project) ?? { files: 0, ms: 0 };
      projects.set(project, { files: total.files + 1, ms: total.ms + ms });
    }
    const lines = [
      "",
      `Where the time went (${seconds(performance.now() - this.runStarted).trim()} in all):`,
      ...[...projects]
        .sort(([, a], [, b]) => b.ms - a.ms)
        .map(([name, t]) => `${seconds(t.ms)}  ${name.padEnd(6)} ${t.files} files`),
      "Slowest files:",
      ...files
        .sort((a, b) => b.ms - a.ms)
        .slice(0, SLOWEST)
        .map((f) => `${seconds(f.ms)}  ${f.project.padEnd(6)} ${f.file}`),
      "",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}
