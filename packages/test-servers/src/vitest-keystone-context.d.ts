// Values provided by ./vitest-keystone-setup.ts; read them with `inject(...)` from "vitest".
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Keystone v3 auth URL, e.g. `http://127.0.0.1:40123/v3`. */
    keystoneAuthUrl: string;
    /** Region of the catalog's endpoints: `RegionOne`. */
    keystoneRegion: string;
    /** Base URL of a Glance with the `keystone` paste flavor, registered in the catalog as `image`/`glance`. */
    keystoneGlanceUrl: string;
    /**
     * Accounts: `a` (alice, member of project A), `b` (bob, member of project B), `admin`
     * (admin of project `admin`), each with its project id; plus alice's application credential.
     */
    keystoneAccounts: {
      a: { userId: string; username: string; password: string; projectId: string };
      b: { userId: string; username: string; password: string; projectId: string };
      admin: { username: string; password: string; projectName: string; userDomainName: string; projectDomainName: string; projectId: string };
      appCredA: { id: string; name: string; secret: string };
    };
  }
}
