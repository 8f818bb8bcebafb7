import { schemasContract } from "./contract/schemas.contract.js";
import { glanceEmulator } from "./contract/target.js";

// The schemas contract of real Glance (schemas.integ.test.ts), unchanged, against the emulator in glance mode.
schemasContract(glanceEmulator());
