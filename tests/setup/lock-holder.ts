// A second process on an SQLite file that holds the write lock `holdMs` of every
// `periodMs`, as Prisma Studio, a backup, a script or another app process may.
import { spawn } from "node:child_process";
import { projectRoot } from "./paths";

/**
 * Another process that holds the database's write lock `holdMs` of every `periodMs`
 * (Prisma Studio, a backup, a script, a second app process).
 */
export function holdWriteLockPeriodically(file: string, holdMs: number, periodMs: number) {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(${JSON.stringify(file)});
    db.pragma("busy_timeout = 5000");
    const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    const hold = () => {
      db.exec("BEGIN IMMEDIATE");
      db.prepare("UPDATE users SET phone = phone WHERE id = -1").run();
      sleep(${holdMs});
      db.exec("COMMIT");
    };
    // Ready once the first hold has begun: the lock is taken when the parent hears it.
    db.exec("BEGIN IMMEDIATE");
    process.stdout.write("ready\\n", () => {
      sleep(${holdMs});
      db.exec("COMMIT");
      setInterval(hold, ${periodMs});
    });
  `;
  const child = spawn(process.execPath, ["-e", script], {
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return { ready, stop: () => child.kill("SIGKILL") };
}
