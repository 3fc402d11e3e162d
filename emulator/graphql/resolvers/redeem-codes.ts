import { codesOfDiscount } from "../../store/discounts";
import { legacyId } from "../../store/ids";
import {
  getBulkCreation,
  getJob,
  startBulkCreation,
  startRedeemCodeBulkDelete,
} from "../../store/jobs";
import type { BulkCreation, Job } from "../../store/types";
import type { ConnectionArgs } from "../connection";
import type { ResolverContext } from "../context";
import { ShopifyGraphQLError } from "../errors";
import { plain } from "../plain";
import type { ResolverMap } from "../resolve";
import { matchSearch, parseSearchQuery } from "../search-query";
import { connection, idArg, userErrors } from "./common";
import { err } from "./discount-input";

// discountRedeemCodeBulkAdd → DiscountRedeemCodeBulkCreation (polled), and
// discountCodeRedeemCodeBulkDelete → Job. Both run asynchronously: the mutation answers with
// done: false and empty results, and the job runs after the store's configured delay
// (https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountRedeemCodeBulkAdd,
// https://shopify.dev/docs/api/admin-graphql/latest/mutations/discountCodeRedeemCodeBulkDelete).
// More than 250 codes never reaches here: the endpoint rejects any array argument over 250 items
// with MAX_INPUT_SIZE_EXCEEDED, as Shopify does.

const DISCOUNT_NOT_FOUND = err(["discountId"], "Code discount does not exist.", "INVALID");

export const redeemCodeResolvers: ResolverMap = {
  Mutation: {
    discountRedeemCodeBulkAdd: (
      _s,
      args: { discountId: string; codes: { code: string }[] },
      ctx: ResolverContext,
    ) => {
      const id = idArg(args.discountId, "DiscountCodeNode");
      if (!id || !ctx.shop.discounts.has(id)) {
        return plain({ bulkCreation: null, userErrors: userErrors([DISCOUNT_NOT_FOUND]) });
      }
      if (args.codes.length === 0) {
        return plain({
          bulkCreation: null,
          userErrors: userErrors([err(["codes"], "Codes can't be blank", "BLANK")]),
        });
      }
      const bulk = startBulkCreation(
        ctx.state,
        ctx.shop,
        id,
        args.codes.map((c) => c.code),
        ctx.app.apiKey,
      );
      return plain({ bulkCreation: bulk, userErrors: [] });
    },
    discountCodeRedeemCodeBulkDelete: (
      _s,
      args: {
        discountId: string;
        ids?: string[] | null;
        search?: string | null;
        savedSearchId?: string | null;
      },
      ctx: ResolverContext,
    ) => {
      const given = [args.ids, args.search, args.savedSearchId].filter(
        (a) => a !== undefined && a !== null,
      );
      if (given.length === 0) {
        return plain({
          job: null,
          userErrors: userErrors([
            err(
              null,
              "Missing expected argument key: 'ids', 'search' or 'saved_search_id'.",
              "MISSING_ARGUMENT",
            ),
          ]),
        });
      }
      if (given.length > 1) {
        return plain({
          job: null,
          userErrors: userErrors([
            err(
              null,
              "Only one of 'ids', 'search' or 'saved_search_id' is allowed.",
              "TOO_MANY_ARGUMENTS",
            ),
          ]),
        });
      }
      if (args.savedSearchId) {
        throw new ShopifyGraphQLError(
          "The OneCode emulator does not implement saved searches.",
          "NOT_IMPLEMENTED",
        );
      }
      const id = idArg(args.discountId, "DiscountCodeNode");
      if (!id || !ctx.shop.discounts.has(id)) {
        return plain({ job: null, userErrors: userErrors([DISCOUNT_NOT_FOUND]) });
      }
      let codeIds: string[] | null = args.ids ?? null;
      if (args.search !== undefined && args.search !== null) {
        const search = args.search.trim();
        const tree = search ? parseSearchQuery(search) : null;
        codeIds = codesOfDiscount(ctx.shop, id)
          .filter(
            (c) =>
              !tree ||
              matchSearch(tree, (field, _cmp, value) => {
                if (field === null || field === "code")
                  return c.code.toLowerCase() === value.toLowerCase();
                if (field === "id") return legacyId(c.id) === value;
                throw new ShopifyGraphQLError(
                  `The OneCode emulator does not implement the '${field}' filter on codes.`,
                  "NOT_IMPLEMENTED",
                );
              }),
          )
          .map((c) => c.id);
      }
      const job = startRedeemCodeBulkDelete(ctx.state, ctx.shop, id, codeIds);
      return plain({ job, userErrors: [] });
    },
  },
  QueryRoot: {
    discountRedeemCodeBulkCreation: (_s, args: { id: string }, ctx: ResolverContext) => {
      const id = idArg(args.id, "DiscountRedeemCodeBulkCreation");
      return (id && getBulkCreation(ctx.state, ctx.shop, id)) ?? null;
    },
    job: (_s, args: { id: string }, ctx: ResolverContext) => {
      const id = idArg(args.id, "Job");
      return (id && getJob(ctx.state, ctx.shop, id)) ?? null;
    },
  },
  DiscountRedeemCodeBulkCreation: {
    id: (b: BulkCreation) => b.id,
    createdAt: (b: BulkCreation) => b.createdAt,
    done: (b: BulkCreation) => b.done,
    codesCount: (b: BulkCreation) => b.codes.length,
    importedCount: (b: BulkCreation) => b.importedCount,
    failedCount: (b: BulkCreation) => b.failedCount,
    discountCode: (b: BulkCreation, _a, ctx: ResolverContext) =>
      ctx.shop.discounts.get(b.discountId) ?? null,
    codes: (b: BulkCreation, args: ConnectionArgs, ctx: ResolverContext) => {
      const entries = b.codes.map((entry, index) =>
        plain({
          index,
          code: entry.code,
          discountRedeemCode: entry.redeemCodeId
            ? (ctx.shop.redeemCodes.get(entry.redeemCodeId) ?? null)
            : null,
          errors: userErrors(entry.errors),
        }),
      );
      return connection("codes", entries, args, (e) => ({ id: String(e.index), value: 0 }));
    },
  },
  Job: {
    id: (j: Job) => j.id,
    done: (j: Job) => j.done,
    query: () => plain({}),
  },
};
