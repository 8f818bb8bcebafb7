import { RACKSPACE_IDENTITY_US, RACKSPACE_IMAGE_SERVICE, RACKSPACE_REGIONS } from "@cloud-images/core";

/** Vendor profiles (openstacksdk's `profile:`): defaults merged under a cloud's own settings. */
export const PROFILES: Readonly<
  Record<string, Readonly<Record<string, unknown>>>
> = Object.freeze({
  rackspace: Object.freeze({
    auth: { auth_url: RACKSPACE_IDENTITY_US },
    identity_api_version: "2.0",
    interface: "public",
    regions: [...RACKSPACE_REGIONS],
    image_service_name: RACKSPACE_IMAGE_SERVICE,
    compute_service_name: "cloudServersOpenStack",
  }),
});
