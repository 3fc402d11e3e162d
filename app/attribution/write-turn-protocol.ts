// The messages of write-turn.server.ts between a server worker and the primary process
// (app/server/write-turns.ts grants the turns).
export const WRITE_TURN = {
  request: "onecode:write-turn:request",
  grant: "onecode:write-turn:grant",
  done: "onecode:write-turn:done",
} as const;

export interface WriteTurnMessage {
  type: (typeof WRITE_TURN)[keyof typeof WRITE_TURN];
}
