-- CreateTable
CREATE TABLE "login_failures" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT,
    "address" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "idx_login_failures_username" ON "login_failures"("username", "created_at");

-- CreateIndex
CREATE INDEX "idx_login_failures_address" ON "login_failures"("address", "created_at");

-- CreateIndex
CREATE INDEX "idx_login_failures_created" ON "login_failures"("created_at");

