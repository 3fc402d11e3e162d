// A form's text field as every form here writes it: named for the form post, no browser
// autocomplete, its error beside it. NameField is the "Name" field of a form that names a thing.
import { TextField, type TextFieldProps } from "@shopify/polaris";

export function FormTextField(props: Omit<TextFieldProps, "autoComplete"> & { name: string }) {
  return <TextField autoComplete="off" {...props} />;
}

export function NameField(props: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return <FormTextField label="Name" name="name" {...props} />;
}
