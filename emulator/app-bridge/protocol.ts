// Messages between the App Bridge stand-in (inside the app's iframe) and the emulator's admin
// page around it. Real App Bridge talks to Shopify admin over postMessage too; this protocol is
// the emulator's own, shared by both sides so they cannot drift apart.

export const CHANNEL = "onecode-emulator-app-bridge/1";

export interface NavItem {
  label: string;
  href: string;
  home: boolean;
}

export interface BarButton {
  label: string;
  primary: boolean;
  destructive: boolean;
  disabled: boolean;
  loading: boolean;
}

export interface SaveBarState {
  id: string;
  discardConfirmation: boolean;
  save: BarButton | null;
  discard: BarButton | null;
}

export interface TitleBarState {
  title: string;
  breadcrumb: { label: string; href: string } | null;
  buttons: BarButton[];
}

export type PickerType = "product" | "variant" | "collection";

export interface PickerRequest {
  type: PickerType;
  action: "add" | "select";
  /** false: one item; true: any number; n: at most n. */
  multiple: boolean | number;
  query: string;
  selectionIds: string[];
}

export type ChildMessage =
  | { type: "hello"; href: string }
  | { type: "idToken"; requestId: number }
  | {
      type: "toast.show";
      id: string;
      message: string;
      duration: number;
      isError: boolean;
      action: string | null;
    }
  | { type: "toast.hide"; id: string }
  | { type: "loading"; on: boolean }
  | { type: "navMenu"; items: NavItem[] }
  | { type: "titleBar"; state: TitleBarState }
  | { type: "saveBar"; state: SaveBarState | null }
  | { type: "leaveConfirmation"; requestId: number }
  | { type: "location"; href: string }
  | { type: "redirect"; url: string }
  /** A page of the app the app does not route itself: the admin loads it, signed. */
  | { type: "load"; href: string }
  | { type: "resourcePicker"; requestId: number; request: PickerRequest };

export type ParentMessage =
  | { type: "idToken.result"; requestId: number; token: string | null; error: string | null }
  | { type: "toast.action"; id: string }
  | { type: "toast.dismiss"; id: string }
  | { type: "navigate"; href: string }
  | { type: "titleBar.click"; index: number }
  | { type: "breadcrumb.click" }
  | { type: "saveBar.click"; id: string; which: "save" | "discard" }
  | { type: "leaveConfirmation.result"; requestId: number; confirmed: boolean }
  | {
      type: "resourcePicker.result";
      requestId: number;
      selection: unknown[] | null;
      error: string | null;
    };

export type Envelope<M> = M & { channel: typeof CHANNEL };

export function isEnvelope<M extends { type: string }>(data: unknown): data is Envelope<M> {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as { channel?: unknown }).channel === CHANNEL &&
    typeof (data as { type?: unknown }).type === "string"
  );
}
