// A reward value: a percentage or a fixed amount, chosen beside the number.
import { Select, TextField } from "@shopify/polaris";
import type { ValueKind } from "./form-state";

export function ValueField(props: {
  label: string;
  kind: ValueKind;
  value: string;
  onChange(change: { kind: ValueKind; value: string }): void;
  error?: string;
  helpText?: string;
  /** Wording of the amount choice, e.g. "amount off" or "off per bundle". */
  amountLabel?: string;
}) {
  const { label, kind, value, onChange, error, helpText } = props;
  return (
    <TextField
      label={label}
      value={value}
      onChange={(next) => onChange({ kind, value: next })}
      autoComplete="off"
      inputMode="decimal"
      error={error}
      helpText={helpText}
      connectedRight={
        <Select
          label={`${label}: percentage or amount`}
          labelHidden
          options={[
            { label: "% off", value: "percent" },
            { label: props.amountLabel ?? "amount off", value: "amount" },
          ]}
          value={kind}
          onChange={(next) => onChange({ kind: next === "amount" ? "amount" : "percent", value })}
        />
      }
    />
  );
}
