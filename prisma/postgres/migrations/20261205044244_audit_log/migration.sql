-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('wallet_top_up', 'slot_create', 'slot_update', 'pricing_rules_update', 'reservation_end', 'reservation_cancel');

-- CreateTable
CREATE TABLE "audit_log" (
    "id" SERIAL NOT NULL,
    "actor_id" INTEGER NOT NULL,
    "action" "AuditAction" NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" INTEGER,
    "before" TEXT,
    "after" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_audit_log_actor" ON "audit_log"("actor_id", "id");

-- CreateIndex
CREATE INDEX "idx_audit_log_action" ON "audit_log"("action", "id");

-- CreateIndex
CREATE INDEX "idx_audit_log_target" ON "audit_log"("target_type", "target_id", "id");

-- CreateIndex
CREATE INDEX "idx_audit_log_created" ON "audit_log"("created_at");

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Kept by hand (Prisma's schema language cannot say it): the audit log is append-only.
-- The app has no route that changes or deletes an entry, and these refuse it to anyone
-- else with a connection as well, TRUNCATE included.
CREATE FUNCTION "fn_audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit log entries cannot be changed or deleted (% refused)', TG_OP;
END
$$;

CREATE TRIGGER "trg_audit_log_append_only"
BEFORE UPDATE OR DELETE ON "audit_log"
FOR EACH ROW
EXECUTE FUNCTION "fn_audit_log_append_only"();

CREATE TRIGGER "trg_audit_log_no_truncate"
BEFORE TRUNCATE ON "audit_log"
FOR EACH STATEMENT
EXECUTE FUNCTION "fn_audit_log_append_only"();
