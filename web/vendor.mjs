// Copies the pinned front-end libraries from node_modules into the package's static folder,
// each with its licence file, and records the versions in VERSIONS.json.
// Run after `npm ci` whenever package.json / package-lock.json change: `npm run vendor`.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const target = join(here, "..", "lineage", "web", "static", "vendor");

/** @type {Record<string, string[]>} package → files to copy (relative to the package root) */
const FILES = {
  cytoscape: ["dist/cytoscape.esm.min.mjs", "LICENSE"],
  elkjs: ["lib/elk-worker.min.js", "LICENSE.md"],
  graphiql: ["graphiql.min.js", "graphiql.min.css", "LICENSE"],
  react: ["umd/react.production.min.js", "LICENSE"],
  "react-dom": ["umd/react-dom.production.min.js", "LICENSE"],
};

/** Declarations beside a vendored ES module, so `tsc --checkJs` types its imports. */
const DECLARATIONS = {
  cytoscape: {
    file: "cytoscape.esm.min.d.mts",
    text: 'import cytoscape from "cytoscape";\nexport default cytoscape;\n',
  },
};

rmSync(target, { recursive: true, force: true });
/** @type {Record<string, string>} */
const versions = {};
for (const [name, files] of Object.entries(FILES)) {
  const root = join(modules, name);
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  versions[name] = `${manifest.version} (${manifest.license})`;
  const out = join(target, name);
  mkdirSync(out, { recursive: true });
  for (const file of files) {
    const base = file.split("/").pop() ?? file;
    cpSync(join(root, file), join(out, base));
  }
  const declaration = DECLARATIONS[/** @type {keyof typeof DECLARATIONS} */ (name)];
  if (declaration) writeFileSync(join(out, declaration.file), declaration.text);
}
writeFileSync(join(target, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
console.log(`vendored into ${target}:`, versions);
