import { sharingContract } from "./contract/sharing.contract.js";
import { realGlance } from "./contract/target.js";

// The sharing contract against the real Glance of the integ project's globalSetup; the same contract
// runs against the emulator in glance mode (sharing.emulator.integ.test.ts).
sharingContract(realGlance());
