import { runQuickstart } from "./quickstart.js";

try {
  await runQuickstart();
  process.exit(0);
} catch (error) {
  console.error("\nQuickstart failed:", error);
  process.exit(1);
}
