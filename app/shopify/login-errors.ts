import { LoginErrorType, type LoginError } from "@shopify/shopify-app-remix/server";

/** The library reports login problems as codes; a merchant needs a sentence. */
export function loginErrorMessage(result: LoginError | undefined): string | undefined {
  if (!result?.shop) return undefined;
  switch (result.shop) {
    case LoginErrorType.MissingShop:
      return "Enter your shop domain to log in.";
    case LoginErrorType.InvalidShop:
      return "That is not a shop domain: enter it as example.myshopify.com.";
    default:
      return "Logging in failed; check the shop domain and try again.";
  }
}
