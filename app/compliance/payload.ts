// The mandatory compliance webhooks' bodies (shopify.dev/docs/apps/build/compliance/
// privacy-law-compliance): customers/data_request carries `customer` {id, email, phone},
// `orders_requested` and `data_request` {id}; customers/redact carries `customer` and
// `orders_to_redact`; shop/redact only the shop. Ids are read without precision loss.
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
