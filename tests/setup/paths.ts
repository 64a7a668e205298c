import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "../..");
/** Scratch space for test databases and server logs (git-ignored). */
export const testTmpDir = path.join(projectRoot, "tmp", "test");
export const templateDatabasePath = path.join(testTmpDir, "template.db");
