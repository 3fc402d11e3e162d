// Server-rendered HTML of the emulator's admin: escaping and the page chrome that looks like
// Shopify admin (dark top bar, grey left navigation, white cards).

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** JSON for a <script type="application/json"> block (no "</script>" can close it early). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export const ADMIN_CSS = `
*{box-sizing:border-box}body{margin:0;font:14px/1.4 -apple-system,BlinkMacSystemFont,"San Francisco","Segoe UI",Roboto,sans-serif;color:#303030;background:#f1f1f1}
a{color:#005bd3;text-decoration:none}a:hover{text-decoration:underline}
.topbar{height:56px;background:#1a1a1a;color:#e3e3e3;display:flex;align-items:center;padding:0 16px;gap:16px;position:relative}
.topbar .brand{font-weight:700;font-size:16px;color:#fff;letter-spacing:.2px}.topbar .brand small{font-weight:400;color:#b5b5b5;margin-left:6px}
.topbar .search{flex:1;max-width:560px;margin:0 auto;background:#303030;border-radius:8px;padding:6px 12px;color:#8a8a8a}
.topbar .shop{display:flex;align-items:center;gap:8px}.topbar .avatar{width:28px;height:28px;border-radius:8px;background:#36fba1;color:#1a1a1a;display:grid;place-items:center;font-weight:700}
.loading{position:absolute;left:0;bottom:0;height:3px;width:0;background:#36fba1;transition:width 1.5s ease}.loading.on{width:80%}
.savebar{position:absolute;inset:0;background:#1a1a1a;display:none;align-items:center;justify-content:space-between;padding:0 16px;color:#fff;font-weight:600}
.savebar.on{display:flex}.savebar.shake{animation:shake .4s}@keyframes shake{25%{transform:translateX(-6px)}75%{transform:translateX(6px)}}
.btn{border:0;border-radius:8px;padding:6px 12px;font:inherit;font-weight:600;cursor:pointer;background:#fff;color:#303030;box-shadow:inset 0 -1px 0 #b5b5b5,0 0 0 1px #e3e3e3}
.btn.primary{background:#303030;color:#fff;box-shadow:none}.btn.critical{background:#c70a24;color:#fff}.btn[disabled]{opacity:.5;cursor:default}
.savebar .btn{background:#303030;color:#fff;box-shadow:none}.savebar .btn.primary{background:#fff;color:#303030}
.layout{display:flex;height:calc(100vh - 56px)}
nav.side{width:240px;flex:none;background:#ebebeb;padding:12px 8px;overflow:auto}
nav.side a,nav.side span{display:block;padding:6px 10px;border-radius:8px;color:#303030;font-weight:500}
nav.side span{color:#8a8a8a}nav.side a.active{background:#fafafa;font-weight:650}
nav.side .section{margin-top:16px;padding:6px 10px;font-size:12px;color:#616161;font-weight:600}
nav.side .sub a{padding-left:28px;font-weight:450}
main{flex:1;display:flex;flex-direction:column;min-width:0}
.titlebar{display:flex;align-items:center;gap:8px;padding:10px 20px;min-height:52px}.titlebar h1{font-size:20px;margin:0;flex:1}
.titlebar #actions{display:flex;gap:8px}.titlebar .crumb{font-size:18px;color:#616161;cursor:pointer;background:none;border:0}
iframe.app{flex:1;border:0;width:100%;background:#f1f1f1}
.page{max-width:960px;margin:24px auto;padding:0 20px}.card{background:#fff;border-radius:12px;box-shadow:0 1px 0 #e3e3e3,0 0 0 1px #ebebeb;padding:16px;margin-bottom:16px}
.card h2{font-size:14px;margin:0 0 12px}table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:8px;border-top:1px solid #ebebeb}
.toasts{position:fixed;left:50%;bottom:24px;transform:translateX(-50%);display:flex;flex-direction:column;gap:8px;align-items:center;z-index:20}
.toast{background:#1a1a1a;color:#fff;border-radius:10px;padding:10px 14px;display:flex;gap:12px;align-items:center}.toast.error{background:#c70a24}
.toast button{background:none;border:0;color:#fff;font:inherit;cursor:pointer;text-decoration:underline}
.backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45);display:grid;place-items:center;z-index:30}
.dialog{background:#fff;border-radius:12px;width:min(620px,92vw);max-height:80vh;display:flex;flex-direction:column;box-shadow:0 20px 40px rgba(0,0,0,.3)}
.dialog header,.dialog footer{padding:12px 16px;display:flex;gap:8px;align-items:center}.dialog header{border-bottom:1px solid #ebebeb;font-weight:650;justify-content:space-between}
.dialog footer{border-top:1px solid #ebebeb;justify-content:flex-end}.dialog .body{overflow:auto;padding:8px 16px}
.dialog input[type=search]{width:100%;padding:6px 10px;border:1px solid #8a8a8a;border-radius:8px;font:inherit;margin:8px 0}
.dialog label{display:flex;gap:10px;align-items:center;padding:8px 4px;border-bottom:1px solid #f1f1f1;cursor:pointer}
`;

export function adminPage(title: string, body: string, head = "", status = 200): Response {
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${ADMIN_CSS}</style>${head}</head>
<body>${body}</body></html>`;
  return new Response(page, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

export function topBar(shopName: string | null): string {
  const shop = shopName
    ? `<div class="shop"><span>${escapeHtml(shopName)}</span><span class="avatar">${escapeHtml(shopName.slice(0, 1).toUpperCase())}</span></div>`
    : "";
  return `<header class="topbar" id="topbar"><div class="brand">shopify<small>local emulator</small></div>
<div class="search">Search</div>${shop}<div class="loading" id="loading"></div>
<div class="savebar" id="savebar"><span>Unsaved changes</span><span><button class="btn" id="discard">Discard</button> <button class="btn primary" id="save">Save</button></span></div></header>`;
}
