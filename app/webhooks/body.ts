// How large a webhook body OneCode reads: it is read whole before its HMAC can be checked, so an
// unsigned POST must not make the server hold any amount of memory (decision 012).
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** The cap in bytes: WEBHOOK_MAX_BODY_BYTES when set to a positive whole number. */
export function webhookMaxBodyBytes(): number {
  const configured = Number(process.env.WEBHOOK_MAX_BODY_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_BYTES;
}

/** The declared length is over the cap: refuse before reading a byte. */
export function declaredTooLarge(contentLength: string | null | undefined, max: number): boolean {
  if (!contentLength) return false;
  const length = Number(contentLength);
  return !Number.isFinite(length) || length > max;
}

export const tooLargeMessage = (): string =>
  `A webhook body may hold at most ${webhookMaxBodyBytes()} bytes.`;

export const tooLarge = (): Response =>
  new Response(tooLargeMessage(), {
    status: 413,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });

/** The request's body as text, or null once it passes `max` bytes (the rest is never read). */
export async function readBodyText(request: Request, max: number): Promise<string | null> {
  if (declaredTooLarge(request.headers.get("content-length"), max)) {
    await request.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
