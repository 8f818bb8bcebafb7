import { imagesContract } from "./contract/images.contract.js";
import { realGlance } from "./contract/target.js";

// The images contract against the real Glance of the integ project's globalSetup; the same
// contract runs against the emulator in glance mode (images.emulator.integ.test.ts).
imagesContract(realGlance());
