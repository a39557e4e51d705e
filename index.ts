// Entry point for `pulumi up`: every stack output comes from program.ts.
import { main } from "./program";

export = main();
