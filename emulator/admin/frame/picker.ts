import type { PickerRequest } from "../../app-bridge/protocol";
import type { ChildChannel } from "./child";
import type { FrameConfig } from "./config";
import { byId, element } from "./dom";

// The resource picker, drawn by the admin over the shop's products, variants or collections
// (read from the emulator's store for the app's shop), chosen with clicks.

interface PickerResource {
  id: string;
  title: string;
  [field: string]: unknown;
}

async function load(
  config: FrameConfig,
  request: PickerRequest,
  query: string,
): Promise<PickerResource[]> {
  const url = new URL(config.resourcesUrl, location.href);
  url.searchParams.set("type", request.type);
  url.searchParams.set("query", query);
  const response = await fetch(url);
  const body = (await response.json()) as { resources?: PickerResource[]; error?: string };
  if (!response.ok || !body.resources) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.resources;
}

function pick(config: FrameConfig, request: PickerRequest): Promise<PickerResource[] | null> {
  return new Promise((resolve, reject) => {
    const chosen = new Set(request.selectionIds);
    const limit =
      request.multiple === true ? Infinity : request.multiple === false ? 1 : request.multiple;
    let resources: PickerResource[] = [];
    const search = element("input", {
      attrs: { type: "search", placeholder: `Search ${request.type}s`, "aria-label": "Search" },
    });
    search.value = request.query;
    const list = element("div");
    const confirm = element("button", {
      className: "btn primary",
      text: request.action === "select" ? "Select" : "Add",
    });
    const cancel = element("button", { className: "btn", text: "Cancel" });
    const title = `${request.action === "select" ? "Select" : "Add"} ${request.type}${limit === 1 ? "" : "s"}`;
    const backdrop = element(
      "div",
      { className: "backdrop", attrs: { role: "dialog", "aria-label": title } },
      [
        element("div", { className: "dialog" }, [
          element("header", { text: title }),
          element("div", { className: "body" }, [search, list]),
          element("footer", {}, [cancel, confirm]),
        ]),
      ],
    );
    const draw = () => {
      list.replaceChildren(
        ...resources.map((resource) => {
          const box = element("input", {
            attrs: { type: limit === 1 ? "radio" : "checkbox", name: "pick" },
          });
          box.checked = chosen.has(resource.id);
          box.addEventListener("change", () => {
            if (limit === 1) chosen.clear();
            if (box.checked) chosen.add(resource.id);
            else chosen.delete(resource.id);
            if (chosen.size > limit) {
              chosen.delete(resource.id);
              box.checked = false;
            }
          });
          const label =
            typeof resource.displayName === "string" ? resource.displayName : resource.title;
          return element("label", {}, [box, element("span", { text: label })]);
        }),
      );
    };
    const refresh = () =>
      load(config, request, search.value).then((found) => {
        resources = found;
        draw();
      });
    const close = (value: PickerResource[] | null) => {
      backdrop.remove();
      resolve(value);
    };
    search.addEventListener("input", () => void refresh().catch(() => {}));
    cancel.addEventListener("click", () => close(null));
    confirm.addEventListener("click", () => {
      // Preselected resources outside the current search stay selected.
      void load(config, request, "").then((all) => close(all.filter((r) => chosen.has(r.id))));
    });
    byId("overlay").append(backdrop);
    refresh().catch((error: unknown) => {
      backdrop.remove();
      reject(error);
    });
  });
}

export function handlePicker(child: ChildChannel, config: FrameConfig): void {
  let open = false;
  child.on((message) => {
    if (message.type !== "resourcePicker") return;
    const { requestId } = message;
    if (open) {
      child.send({
        type: "resourcePicker.result",
        requestId,
        selection: null,
        error: "A resource picker is already open",
      });
      return;
    }
    open = true;
    pick(config, message.request)
      .then((selection) =>
        child.send({ type: "resourcePicker.result", requestId, selection, error: null }),
      )
      .catch((error: unknown) =>
        child.send({
          type: "resourcePicker.result",
          requestId,
          selection: null,
          error: String(error instanceof Error ? error.message : error),
        }),
      )
      .finally(() => {
        open = false;
      });
  });
}
