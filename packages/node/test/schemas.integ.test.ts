import { schemasContract } from "./contract/schemas.contract.js";
import { realGlance } from "./contract/target.js";

// The schemas contract against the real Glance of the integ project's globalSetup; the same contract
// runs against the emulator in glance mode (schemas.emulator.integ.test.ts).
schemasContract(realGlance());
