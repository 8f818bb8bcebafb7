// Values provided by ./vitest-global-setup.ts to the `integ` vitest project; read them with
// `inject("glanceUrl")` etc. from "vitest".
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the shared trusted-auth Glance, e.g. `http://127.0.0.1:40123` (no trailing slash). */
    glanceUrl: string;
    /** Base URL of the loopback source server whose port Glance allows for web-download. */
    sourceServerUrl: string;
    /** Directory served by the source server: write `<sourceDir>/x.img`, import `${sourceServerUrl}/x.img`. */
    sourceDir: string;
  }
}
