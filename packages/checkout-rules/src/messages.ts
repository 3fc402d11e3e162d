// What the shopper reads when a campaign's code gives nothing: a default per reason and language,
// or the merchant's wording; shared by the app and the function.

/** Why a code gave nothing, in the order the function checks them. */
export const REASONS = [
  "signIn",
  "otherAccount",
  "alreadyUsed",
  "firstOrder",
  "customerTag",
  "noEligibleProduct",
  "minimumSpend",
  "bundleIncomplete",
] as const;

export type Reason = (typeof REASONS)[number];

/** A merchant's wording per reason; a reason left out uses the default. */
export type RuleMessages = Partial<Record<Reason, string>>;

/** Shopify documents no limit for the rejection message; short text fits its checkout notice. */
export const MAX_MESSAGE_LENGTH = 150;

/** Placeholders a message may hold: the figure the function fills in when it rejects a code. */
export const PLACEHOLDERS: Record<Reason, string | null> = {
  signIn: null,
  otherAccount: null,
  alreadyUsed: null,
  firstOrder: null,
  customerTag: null,
  noEligibleProduct: "{products}",
  minimumSpend: "{amount}",
  bundleIncomplete: "{products}",
};

/** What the merchant's rules page says each message is for. */
export const REASON_LABELS: Record<Reason, string> = {
  signIn: "A guest uses a code that needs an account",
  otherAccount: "The code belongs to another customer",
  alreadyUsed: "The customer already used a code of this campaign",
  firstOrder: "The customer has ordered before (first order only)",
  customerTag: "The customer's tags do not allow the code",
  noEligibleProduct: "No product in the cart qualifies",
  minimumSpend: "The cart is below the minimum spend",
  bundleIncomplete: "The bundle is incomplete",
};

type Defaults = Record<Reason, string>;

// Defaults per language (Localization.language.isoCode before "_"); English is the fallback.
const DEFAULTS: Record<string, Defaults> = {
  en: {
    signIn: "Sign in to your account to use this code.",
    otherAccount: "This code belongs to another account.",
    alreadyUsed: "Your account has already used a code from this offer.",
    firstOrder: "This code is for a first order only.",
    customerTag: "This code is not available for your account.",
    noEligibleProduct: "None of the products in your cart qualify for this code.",
    minimumSpend: "Add {amount} more to use this code.",
    bundleIncomplete: "Add {products} to use this code.",
  },
  fr: {
    signIn: "Connectez-vous à votre compte pour utiliser ce code.",
    otherAccount: "Ce code appartient à un autre compte.",
    alreadyUsed: "Votre compte a déjà utilisé un code de cette offre.",
    firstOrder: "Ce code est réservé à une première commande.",
    customerTag: "Ce code n'est pas disponible pour votre compte.",
    noEligibleProduct: "Aucun produit de votre panier ne donne droit à ce code.",
    minimumSpend: "Ajoutez encore {amount} pour utiliser ce code.",
    bundleIncomplete: "Ajoutez {products} pour utiliser ce code.",
  },
  de: {
    signIn: "Melden Sie sich an, um diesen Code zu verwenden.",
    otherAccount: "Dieser Code gehört zu einem anderen Konto.",
    alreadyUsed: "Ihr Konto hat bereits einen Code aus diesem Angebot verwendet.",
    firstOrder: "Dieser Code gilt nur für eine erste Bestellung.",
    customerTag: "Dieser Code ist für Ihr Konto nicht verfügbar.",
    noEligibleProduct: "Kein Produkt in Ihrem Warenkorb ist für diesen Code berechtigt.",
    minimumSpend: "Fügen Sie noch {amount} hinzu, um diesen Code zu verwenden.",
    bundleIncomplete: "Fügen Sie {products} hinzu, um diesen Code zu verwenden.",
  },
  es: {
    signIn: "Inicia sesión en tu cuenta para usar este código.",
    otherAccount: "Este código pertenece a otra cuenta.",
    alreadyUsed: "Tu cuenta ya ha usado un código de esta oferta.",
    firstOrder: "Este código es solo para un primer pedido.",
    customerTag: "Este código no está disponible para tu cuenta.",
    noEligibleProduct: "Ningún producto de tu carrito es válido para este código.",
    minimumSpend: "Añade {amount} más para usar este código.",
    bundleIncomplete: "Añade {products} para usar este código.",
  },
};

/** No eligible product, when the rules name what is eligible ({products}), per language. */
const NAMED_ELIGIBLE: Record<string, string> = {
  en: "This code is for {products}. Add one to your cart to use it.",
  fr: "Ce code est réservé à {products}. Ajoutez-en un à votre panier pour l'utiliser.",
  de: "Dieser Code gilt für {products}. Legen Sie einen Artikel davon in den Warenkorb.",
  es: "Este código es para {products}. Añade uno a tu carrito para usarlo.",
};

/** "the bundle's products" when the function knows no product names, per language. */
const BUNDLE_FALLBACK: Record<string, string> = {
  en: "every product of the bundle",
  fr: "tous les produits du lot",
  de: "alle Produkte des Bundles",
  es: "todos los productos del paquete",
};

/** The language part of a Shopify LanguageCode ("PT_BR" → "pt"), lower case. */
export function languageOf(isoCode: unknown): string {
  return typeof isoCode === "string" ? (isoCode.split("_")[0] ?? "").toLowerCase() : "en";
}

/** The default message for a reason in a language (English when the language has none). */
export function defaultMessage(reason: Reason, language = "en"): string {
  return (DEFAULTS[language] ?? DEFAULTS.en!)[reason];
}

/** Words for "the rest of the bundle" when no product names are known. */
export function bundleFallback(language: string): string {
  return BUNDLE_FALLBACK[language] ?? BUNDLE_FALLBACK.en!;
}

/** The merchant's wording if set, else the default in the buyer's language, placeholder filled. */
export function shopperMessage(
  reason: Reason,
  custom: RuleMessages,
  language: string,
  value = "",
): string {
  const named = reason === "noEligibleProduct" && value !== "";
  const template =
    custom[reason] ??
    (named ? (NAMED_ELIGIBLE[language] ?? NAMED_ELIGIBLE.en!) : defaultMessage(reason, language));
  const placeholder = PLACEHOLDERS[reason];
  return placeholder ? template.split(placeholder).join(value) : template;
}

/** An amount as the shopper reads it: "12.50 EUR"; a decimal comma where the language uses one. */
export function formatAmount(decimal: string, currency: string, language: string): string {
  const text = language === "en" ? decimal : decimal.replace(".", ",");
  return currency ? `${text} ${currency}` : text;
}

/** Why a merchant's message is refused, or null when it is fine. */
export function messageProblem(reason: Reason, text: string): string | null {
  if (text.trim() === "") return "Write a message, or leave it out to use the default.";
  if (text !== text.trim()) return "Remove the spaces at the start or end.";
  if (text.length > MAX_MESSAGE_LENGTH) {
    return `Keep it to ${MAX_MESSAGE_LENGTH} characters; this one has ${text.length}.`;
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(text)) return "Use one line of plain text.";
  const placeholder = PLACEHOLDERS[reason];
  const braces = text.match(/\{[^}]*\}/g) ?? [];
  for (const found of braces) {
    if (found !== placeholder) {
      return placeholder
        ? `Only ${placeholder} can be filled in here; "${found}" cannot.`
        : `Nothing is filled in for this message; remove "${found}".`;
    }
  }
  return null;
}
