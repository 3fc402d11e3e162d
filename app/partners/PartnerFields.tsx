// The partner form's fields, for adding a partner (the partners list) and editing one (its page);
// `children` (more fields, the submit button) follow them in the same layout.
import { FormLayout, Select } from "@shopify/polaris";
import type { ReactNode } from "react";
import { FormTextField, NameField } from "../components/FormTextField";
import { PARTNER_KIND_LABELS, PARTNER_KINDS } from "./partner-input";

export type PartnerField = "name" | "kind" | "email";

const KIND_OPTIONS = PARTNER_KINDS.map((kind) => ({
  label: PARTNER_KIND_LABELS[kind],
  value: kind,
}));

export function PartnerFields(props: {
  values: Record<PartnerField, string>;
  onChange: (field: PartnerField, value: string) => void;
  errors: Partial<Record<string, string>>;
  emailLabel: string;
  children: ReactNode;
}) {
  const { values, onChange, errors } = props;
  return (
    <FormLayout>
      <NameField value={values.name} onChange={(v) => onChange("name", v)} error={errors.name} />
      <Select
        label="Kind"
        name="kind"
        options={KIND_OPTIONS}
        value={values.kind}
        onChange={(v) => onChange("kind", v)}
        error={errors.kind}
      />
      <FormTextField
        label={props.emailLabel}
        name="email"
        type="email"
        value={values.email}
        onChange={(v) => onChange("email", v)}
        error={errors.email}
      />
      {props.children}
    </FormLayout>
  );
}
