import type { ActionFunctionArgs } from "@remix-run/node";
import { webhookAction } from "../webhooks/route.server";

// Verified, deduplicated and handled by the topic's plain handler (handle-webhook.server.ts).
export const action = ({ request, context }: ActionFunctionArgs) => webhookAction(request, context);
