-- CreateTable
CREATE TABLE "login_failures" (
    "id" SERIAL NOT NULL,
    "username" TEXT,
    "address" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "login_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_login_failures_username" ON "login_failures"("username", "created_at");

-- CreateIndex
CREATE INDEX "idx_login_failures_address" ON "login_failures"("address", "created_at");

-- CreateIndex
CREATE INDEX "idx_login_failures_created" ON "login_failures"("created_at");

