// The emulator's store: plain functions over a state object from createEmulatorState().
// The API is described at the top of emulator/README.md.
export * from "./app-config.js";
export * from "./catalog.js";
export * from "./codes.js";
export * from "./context.js";
export * from "./discounts.js";
export * from "./ids.js";
export * from "./jobs.js";
export * from "./metafields.js";
export * from "./money.js";
export * from "./orders.js";
export * from "./seed.js";
export * from "./shops.js";
export * from "./state.js";
export type * from "./types.js";
