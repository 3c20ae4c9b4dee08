// Builds service/static/mhsw.css from mhsw.scss and copies the Swagger UI files the /docs page needs.
// Run `npm ci --ignore-scripts && npm run build`; commit the output so users need no build step.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const modules = join(root, "node_modules");
const statics = join(root, "service", "static");

const { css } = sass.compile(join(root, "service", "assets", "mhsw.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
if (/url\(\s*["']?(https?:)?\/\//.test(css)) {
  throw new Error("the stylesheet refers to another host; the page must work without a CDN");
}
writeFileSync(join(statics, "mhsw.css"), css + "\n");

mkdirSync(join(statics, "swagger"), { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"]) {
  copyFileSync(join(modules, "swagger-ui-dist", file), join(statics, "swagger", file));
}
console.log(`wrote service/static/mhsw.css (${css.length} bytes) and service/static/swagger/`);
