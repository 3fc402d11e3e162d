import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { runAllocationAction } from "../partners/allocation-actions.server";

// Allocate, top up, revoke, mint the shortfall: posted by the campaign and partner pages' forms.
export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const actor = session.onlineAccessInfo?.associated_user.id?.toString() ?? "staff";
  return runAllocationAction(session.shop, actor, await request.formData());
};
