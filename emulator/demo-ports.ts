// `npm run demo` listens on two ports. Both are checked before anything is built or printed, so a
// taken port is one sentence naming it and the variable that moves it, never a stack trace or a
// "running" line pointing at someone else's server.
import net from "node:net";

export interface DemoPort {
  port: number;
  /** The environment variable that chooses it. */
  variable: "PORT" | "EMULATOR_PORT";
  /** What listens there, for the sentence. */
  role: string;
}

/** Whether this process could listen on the port as the demo's servers do (every interface). */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** Whether something already answers on localhost:port (a server bound to 127.0.0.1 only). */
function answers(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function isPortTaken(port: number): Promise<boolean> {
  if (!(await canListen(port))) return true;
  return (await answers(port, "127.0.0.1")) || (await answers(port, "::1"));
}

export function takenSentence({ port, variable, role }: DemoPort): string {
  return `Port ${port} (${role}) is already in use: stop what is using it, or choose another port with ${variable}=<port> npm run demo.`;
}

/** Sentences for every port the demo cannot use; empty when both are free. */
export async function demoPortProblems(ports: DemoPort[]): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of ports) {
    if (!Number.isInteger(entry.port) || entry.port < 1 || entry.port > 65535) {
      problems.push(`${entry.variable} must be a port number from 1 to 65535.`);
    }
  }
  if (problems.length > 0) return problems;
  const [first, second] = ports;
  if (first && second && first.port === second.port) {
    return [
      `${first.variable} and ${second.variable} are both ${first.port}: the app and the emulator need a port each.`,
    ];
  }
  for (const entry of ports) if (await isPortTaken(entry.port)) problems.push(takenSentence(entry));
  return problems;
}
