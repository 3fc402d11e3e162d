// The customer named by a customers/data_request or customers/redact body (its customer, orders
// and data request ids), ids read without precision loss.
import { arr, obj, str } from "../webhooks/payload-read";
import { numericId } from "../webhooks/json";

export interface CustomerRequest {
  customerId: string | null;
  email: string | null;
  orderIds: string[];
  dataRequestId: string | null;
}

export function readCustomerRequest(payload: unknown): CustomerRequest {
  const body = obj(payload);
  const customer = obj(body?.customer);
  const orders = [...arr(body?.orders_requested), ...arr(body?.orders_to_redact)];
  return {
    customerId: numericId(customer?.id),
    email: str(customer?.email),
    orderIds: orders.flatMap((id) => numericId(id) ?? []),
    dataRequestId: numericId(obj(body?.data_request)?.id),
  };
}
