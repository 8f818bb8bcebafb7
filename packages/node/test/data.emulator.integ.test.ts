import { dataContract } from "./contract/data.contract.js";
import { glanceEmulator } from "./contract/target.js";

// The image data contract of real Glance (data.integ.test.ts), unchanged, against the emulator in glance mode.
dataContract(glanceEmulator());
