import { imagesContract } from "./contract/images.contract.js";
import { glanceEmulator } from "./contract/target.js";

// The images contract of real Glance (images.integ.test.ts), unchanged, against the emulator in
// glance mode: the measure of its fidelity (issue 6).
imagesContract(glanceEmulator());
