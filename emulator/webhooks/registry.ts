import type { EmulatorState } from "../store/context";
import { WebhookService } from "./service";

// One webhook service per emulator state, so every part (admin, checkout, tests) that holds the
// state reaches the same delivery log and switches.

const services = new WeakMap<EmulatorState, WebhookService>();

export function webhookServiceOf(state: EmulatorState): WebhookService {
  let service = services.get(state);
  if (!service) {
    service = new WebhookService({
      apps: () => [...state.apps.values()],
      installedApiKeys: (shop) => [...(state.shops.get(shop)?.installations.keys() ?? [])],
    });
    services.set(state, service);
  }
  return service;
}
