"use client";
// A gate key just created: the only time it is shown (only its hash is stored), with a
// copy button and the warning that it will not be shown again.
import { useRef, useState } from "react";
import type { CreatedGateKeyDto } from "@/components/data/types";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";

export function NewKeyDialog({
  created,
  onClose,
}: {
  created: CreatedGateKeyDto;
  onClose: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      // The clipboard may be refused (permissions, an insecure origin): select the key for
      // copying by hand instead.
      input.current?.select();
      setCopied("no");
    }
  }

  return (
    <Dialog open onClose={onClose} title={`New gate key: ${created.label}`}>
      <Alert tone="warning" testId="gate-key-once">
        Copy this key into the gate device now. It is shown only this once and cannot be shown
        again; if it is lost, revoke it and create a new one.
      </Alert>
      <Field label="Gate key">
        {(props) => (
          <input
            {...props}
            ref={input}
            readOnly
            value={created.key}
            className={`${inputClass} font-mono text-sm`}
            onFocus={(e) => e.target.select()}
            data-testid="gate-key-secret"
            data-autofocus
          />
        )}
      </Field>
      <p role="status" className="text-sm" data-testid="gate-key-copied">
        {copied === "yes" && "Copied to the clipboard."}
        {copied === "no" &&
          "The clipboard is not available here: the key is selected, copy it by hand."}
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.primary} onClick={copy}>
          Copy key
        </button>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}
