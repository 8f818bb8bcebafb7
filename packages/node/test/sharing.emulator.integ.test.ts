import { sharingContract } from "./contract/sharing.contract.js";
import { glanceEmulator } from "./contract/target.js";

// The sharing contract of real Glance (sharing.integ.test.ts), unchanged, against the emulator in glance mode.
sharingContract(glanceEmulator());
