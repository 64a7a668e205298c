-- CreateTable
CREATE TABLE "audit_log" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actor_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" INTEGER,
    "before" TEXT,
    "after" TEXT,
    "created_at" DATETIME NOT NULL,
    CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "idx_audit_log_actor" ON "audit_log"("actor_id", "id");

-- CreateIndex
CREATE INDEX "idx_audit_log_action" ON "audit_log"("action", "id");

-- CreateIndex
CREATE INDEX "idx_audit_log_target" ON "audit_log"("target_type", "target_id", "id");

-- CreateIndex
CREATE INDEX "idx_audit_log_created" ON "audit_log"("created_at");


-- Kept by hand (Prisma's schema language cannot say it): the audit log is append-only.
-- The app has no route that changes or deletes an entry, and these refuse it to anyone
-- else with a connection (a script, Prisma Studio) as well.
CREATE TRIGGER "trg_audit_log_no_update"
BEFORE UPDATE ON "audit_log"
BEGIN
  SELECT RAISE(ABORT, 'audit log entries cannot be changed');
END;

CREATE TRIGGER "trg_audit_log_no_delete"
BEFORE DELETE ON "audit_log"
BEGIN
  SELECT RAISE(ABORT, 'audit log entries cannot be deleted');
END;
