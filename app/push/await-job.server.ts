import type { ChunkContext } from "./chunk-context";

/**
 * Polls an asynchronous Shopify job (bulk code creation or deletion) until it reports done.
 * Resolves null when Shopify no longer knows the job, so the caller can send it again.
 */
export async function awaitJob<T extends { done: boolean }>(
  ctx: ChunkContext,
  read: () => Promise<T | null>,
): Promise<T | null> {
  for (let poll = 0; ; poll++) {
    await ctx.clock.sleep(ctx.polls.delay(poll), ctx.signal);
    const job = await read();
    if (!job) return null;
    if (job.done) {
      ctx.polls.observe(poll + 1);
      return job;
    }
  }
}
