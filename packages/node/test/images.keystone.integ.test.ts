import { imagesContract } from "./contract/images.contract.js";
import { keystoneGlance } from "./contract/keystone-target.js";

// The images contract, unchanged, against a real Glance with the `keystone` paste flavor: clients
// authenticate with the SDK's Keystone password auth and find Glance in the service catalog.
// Keystone and that Glance are started once for the `integ-keystone` vitest project.
imagesContract(keystoneGlance());
