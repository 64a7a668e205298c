// The simulation worker's entry (tests/bench/simulate.ts): plain JavaScript that loads the
// TypeScript through tsx's API, so it starts the same under tsx and under vitest.
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { simulateInWorker } = await tsImport("./simulate.ts", import.meta.url);
simulateInWorker(workerData.input, parentPort, workerData.consumed);
