// Values provided by ./global-setup.ts; read them with `inject(...)` from "vitest".
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin the test page is served from (allowed by Keystone's and Glance's CORS). */
    browserOrigin: string;
    /** Origin serving the bundled image console (allowed by CORS as well). */
    consoleOrigin: string;
    /** Keystone v3 auth URL. */
    keystoneAuthUrl: string;
    /** Region of the catalog's endpoints. */
    keystoneRegion: string;
    /** Glance behind Keystone, registered in the catalog as `image`/`glance`. */
    keystoneGlanceUrl: string;
    /** The same Glance behind a proxy passing request bodies at 16 MB/s (uploads slow enough to abort midway). */
    throttledGlanceUrl: string;
    /** alice (project A), bob (project B), alice's application credential. */
    browserAccounts: {
      a: { userId: string; username: string; password: string; projectId: string; projectName: string };
      b: { userId: string; username: string; password: string; projectId: string; projectName: string };
      appCredA: { id: string; name: string; secret: string };
    };
  }
}
