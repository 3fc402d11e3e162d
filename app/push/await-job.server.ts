import db from "../db.server";
import type { ChunkContext, HeldChunk } from "./chunk-context";
import { updateHeldChunk } from "./chunk-store.server";
import type { AdminDocument } from "./paced-admin.server";

/**
 * Polls a submitted chunk's asynchronous Shopify job (bulk code creation or deletion) until it
 * reports done. Null when Shopify no longer knows the job: the chunk is then pending again, to be
 * sent again as after a crash.
 */
export async function awaitSubmittedJob<Data, Job extends { done: boolean }>(
  ctx: ChunkContext,
  held: HeldChunk,
  status: { document: AdminDocument; jobId: string; job: (data: Data) => Job | null },
): Promise<Job | null> {
  for (let poll = 0; ; poll++) {
    await ctx.clock.sleep(ctx.polls.delay(poll), ctx.signal);
    const data = await ctx.admin.request<Data>(
      status.document,
      { id: status.jobId },
      { signal: ctx.signal, priority: "high" },
    );
    const job = status.job(data);
    if (!job) {
      await updateHeldChunk(db, held, { state: "pending", bulkCreationId: null });
      return null;
    }
    if (job.done) {
      ctx.polls.observe(poll + 1);
      return job;
    }
  }
}
