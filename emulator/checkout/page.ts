// GET /store/<shop>/checkout: a small page where a shopper builds a cart from the store's
// products, picks a customer or checks out as a guest, enters codes and pays. It posts the same
// JSON as tests do to POST /store/<shop>/checkout and shows the answer. As in Shopify's
// checkout, a refused code's message (Shopify's own, or the one the discount function rejected
// the code with) appears right under the discount code field.
import type { ShopRecord } from "../store/types";
import { centsToDecimal } from "../store/money";

const esc = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function checkoutPage(shop: ShopRecord): string {
  const products = [...shop.products.values()].flatMap((product) =>
    product.variants.map(
      (variant) =>
        `<tr><td>${esc(product.title)}${variant.title && variant.title !== "Default Title" ? ` – ${esc(variant.title)}` : ""}</td>` +
        `<td>${centsToDecimal(variant.priceCents)} ${esc(shop.currency)}</td>` +
        `<td><input type="number" min="0" value="0" data-variant="${esc(variant.id)}" aria-label="Quantity of ${esc(product.title)}"></td></tr>`,
    ),
  );
  const customers = [...shop.customers.values()].map(
    (c) =>
      `<option value="${esc(c.id)}">${esc([c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || c.id)}${c.tags.length ? ` (${esc(c.tags.join(", "))})` : ""}</option>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Checkout – ${esc(shop.name)}</title>
<style>body{font:15px system-ui;margin:2rem;max-width:52rem}table{border-collapse:collapse}td{padding:.2rem .6rem}
input[type=number]{width:4rem}pre{background:#f4f4f4;padding:1rem;overflow:auto}.err{color:#b00;margin:.3rem 0}
#summary{font-weight:600}</style></head>
<body><h1>Checkout — ${esc(shop.name)}</h1>
<form id="checkout">
<h2>Cart</h2><table>${products.join("")}</table>
<h2>Buyer</h2><label>Customer <select name="customerId"><option value="">Guest</option>${customers.join("")}</select></label>
<label>E-mail (guest) <input name="email" type="email"></label>
<h2>Currency and language</h2><label>Presentment currency <input name="currency" value="${esc(shop.currency)}" size="4"></label>
<label>Rate from ${esc(shop.currency)} <input name="rate" value="1.0" size="8"></label>
<label>Language <select name="language"><option value="EN">English</option><option value="FR">Français</option><option value="DE">Deutsch</option><option value="ES">Español</option><option value="JA">日本語</option></select></label>
<h2>Discount codes</h2><label>Codes (comma-separated) <input name="codes" size="40" aria-describedby="code-errors"></label>
<div id="code-errors" role="alert"></div>
<h2>Visit</h2><label>Came from (referring site) <input name="referringSite" type="url" size="40" placeholder="https://www.retailmenot.com/view/onecode-demo.com"></label>
<label>Landing page <input name="landingSite" size="30" placeholder="/?ref=newsletter"></label>
<p><button name="action" value="preview">Apply codes</button> <button name="action" value="pay">Pay now</button></p>
</form><div id="result" role="status"></div>
<script>
const form = document.getElementById("checkout");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const lines = [...form.querySelectorAll("[data-variant]")]
    .filter((input) => Number(input.value) > 0)
    .map((input) => ({ variantId: input.dataset.variant, quantity: Number(input.value) }));
  const body = {
    lines,
    customerId: data.get("customerId") || null,
    email: data.get("email") || undefined,
    presentmentCurrency: data.get("currency"),
    presentmentCurrencyRate: data.get("rate"),
    discountCodes: String(data.get("codes") || "").split(",").map((c) => c.trim()).filter(Boolean),
    preview: event.submitter?.value !== "pay",
    referringSite: data.get("referringSite") || null,
    landingSite: data.get("landingSite") || null,
    language: data.get("language") || "EN",
  };
  const response = await fetch(location.pathname, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const answer = await response.json();
  delete answer.functionLogs;
  const out = document.getElementById("result");
  const codeErrors = document.getElementById("code-errors");
  out.innerHTML = "";
  codeErrors.innerHTML = "";
  for (const error of answer.errors ?? []) {
    const p = document.createElement("p");
    p.className = "err";
    if (typeof error === "string") {
      p.textContent = error;
      out.append(p);
    } else {
      p.dataset.code = error.code;
      p.textContent = error.message;
      codeErrors.append(p);
    }
  }
  const summary = document.createElement("p");
  summary.id = "summary";
  if (answer.order) summary.textContent = "Order " + answer.order.name + " placed: " + answer.total + " " + answer.currency + " paid, " + answer.totalDiscounts + " " + answer.currency + " off.";
  else if (answer.total) summary.textContent = "Total " + answer.total + " " + answer.currency + (answer.errors ? "" : ", " + answer.totalDiscounts + " " + answer.currency + " off.");
  out.append(summary);
  const pre = document.createElement("pre");
  pre.textContent = JSON.stringify(answer, null, 2);
  out.append(pre);
});
</script></body></html>`;
}
