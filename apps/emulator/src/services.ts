// Mounts every service on the emulator.
import { ComputeService } from "./compute.js";
import { ComputeV1Service } from "./compute-v1.js";
import { FilesService } from "./files.js";
import { ImageService } from "./images.js";
import { registerService } from "./server.js";

let images: ImageService | undefined;
registerService("images", (rt) => (images = new ImageService(rt)));
registerService("files", (rt) => new FilesService(rt));
registerService("servers", (rt) => new ComputeService(rt, images ?? new ImageService(rt)));
registerService("servers-v1", (rt) => new ComputeV1Service(rt));
