import type { BarButton } from "../protocol";

/** How the admin shows a <button> the app put in a title bar or save bar. */
export function describeButton(button: HTMLButtonElement): BarButton {
  const variant = button.getAttribute("variant");
  return {
    label: button.textContent?.trim() ?? "",
    primary: variant === "primary",
    destructive: button.getAttribute("tone") === "critical" || variant === "destructive",
    disabled: button.disabled || button.hasAttribute("disabled"),
    loading: button.hasAttribute("loading") && button.getAttribute("loading") !== "false",
  };
}

/** Calls the app's click handler on the button, as the admin's copy of it was clicked. */
export function pressButton(button: HTMLButtonElement | undefined): void {
  if (button && !button.disabled) button.click();
}
