// Polaris's DataTable scrolls sideways in a plain div that a keyboard cannot reach when no cell
// holds a link or button; the scroll container gets a tab stop and a name after each render, so
// arrow keys scroll it (WCAG 2.1.1, axe's scrollable-region-focusable).
import { useEffect, useRef, type ReactNode } from "react";

const SCROLL_CONTAINER = ".Polaris-DataTable__ScrollContainer";

export function KeyboardScrollable(props: { label: string; children: ReactNode }) {
  const { label, children } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = ref.current?.querySelector(SCROLL_CONTAINER);
    if (!container) return;
    container.setAttribute("tabindex", "0");
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", label);
  });
  return <div ref={ref}>{children}</div>;
}
