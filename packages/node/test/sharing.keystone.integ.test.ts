import { sharingContract } from "./contract/sharing.contract.js";
import { keystoneGlance } from "./contract/keystone-target.js";

// The sharing contract, unchanged, between two real Keystone projects (alice in demo-a, bob in
// demo-b) on a real Glance with the `keystone` paste flavor; members and owners are Keystone's
// project ids. Keystone and that Glance are started once for the `integ-keystone` vitest project.
sharingContract(keystoneGlance());
