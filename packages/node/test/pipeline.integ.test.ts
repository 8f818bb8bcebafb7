import { pipelineContract } from "./contract/pipeline.contract.js";
import { realGlance } from "./contract/target.js";

// The request pipeline's promises (safe path segments, deadlines in the pool) against real Glance.
pipelineContract(realGlance());
