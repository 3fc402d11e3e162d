import type { ActionFunctionArgs } from "@remix-run/node";
import { webhookAction } from "../webhooks/route.server";

// Read, verified and handed to the plain handler by app/webhooks/route.server.ts.
export const action = ({ request, context }: ActionFunctionArgs) => webhookAction(request, context);
