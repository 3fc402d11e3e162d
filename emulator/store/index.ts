// The emulator's store: plain functions over a state object from createEmulatorState().
// The API is described at the top of emulator/README.md.
export * from "./app-config";
export * from "./catalog";
export * from "./codes";
export * from "./context";
export * from "./discounts";
export * from "./ids";
export * from "./jobs";
export * from "./metafields";
export * from "./money";
export * from "./orders";
export * from "./seed";
export * from "./shops";
export * from "./state";
export type * from "./types";
