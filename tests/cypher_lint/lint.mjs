// Lints Cypher files with Neo4j's own Cypher front end (@neo4j-cypher/language-support).
//
// Usage:
//   node lint.mjs '["cypher/a.cypher", "cypher/b.cypher"]'   (one JSON array argument)
//   node lint.mjs cypher/a.cypher cypher/b.cypher              (paths as arguments)
//
// Prints one JSON object to stdout:
//   {"files": [{"path": ..., "diagnostics": [{"severity", "message", "line", "column"}]}]}
// Files come out in input order, with each path exactly as given. `line` and `column` are
// 1-based (the language support reports 0-based LSP positions; we add 1 to both).
// Severity: LSP Error -> "error"; Warning, Information and Hint -> "warning".
// Exits 0 whenever it ran (the caller judges the diagnostics); 2 on bad usage.
//
// How the linter is configured:
// - Language: Cypher 5 (`defaultLanguage: 'CYPHER 5'`). The package already defaults to
//   Cypher 5, we only make the choice explicit. A statement that starts with `CYPHER 25`
//   is still analysed as Cypher 25, because the statement's own prefix takes precedence.
// - Parameters: lintCypherQuery reports every `$param` missing from `dbSchema.parameters`
//   as an *error* ("Parameter $x is not defined."). Our statements get their parameters
//   from the application at run time, so for each file we declare the parameters the
//   package's own parser finds in it (`parseParameters`). The values are never inspected,
//   only checked against `undefined`, so we use `null`.
// - No labels, relationship types, functions or procedures are given, so the linter does
//   not warn about unknown labels/types and does not check function or procedure names
//   (it can do that only against a full list of the server's functions and procedures).
// - Console commands (`:param`, `:use` ...) are disabled: files hold plain Cypher.
//
// Speed: loading the package and warming up its semantic analysis (Neo4j's Java front end
// compiled to JavaScript) takes about 2 s; after that each statement costs about 30-150 ms.
// So all files are linted in this one process, one after the other. (Worker threads were
// tried: on a machine with 2 busy CPUs they were slower, as every worker pays the warm-up.)
//
// The package's ESM build cannot be imported by Node (it uses extensionless relative
// imports), so we load its self-contained CommonJS bundle through createRequire.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { lintCypherQuery, parseParameters } = require('@neo4j-cypher/language-support');

const CYPHER_VERSION = 'CYPHER 5';
const CONSOLE_COMMANDS = false;
const LSP_ERROR = 1;

function usage(message) {
  process.stderr.write(`lint.mjs: ${message}\n`);
  process.stderr.write("usage: node lint.mjs '[\"a.cypher\", ...]' | node lint.mjs a.cypher ...\n");
  process.exit(2);
}

function readPaths(argv) {
  if (argv.length === 0) usage('no files given');
  if (argv.length === 1 && argv[0].trimStart().startsWith('[')) {
    let parsed;
    try {
      parsed = JSON.parse(argv[0]);
    } catch (err) {
      usage(`argument is not a valid JSON array: ${err.message}`);
    }
    if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) {
      usage('JSON argument must be an array of strings');
    }
    return parsed;
  }
  return argv;
}

function diagnostic(severity, message, line, column) {
  return { severity, message, line, column };
}

function fromLsp(d) {
  return diagnostic(
    d.severity === LSP_ERROR ? 'error' : 'warning',
    d.message,
    d.range.start.line + 1,
    d.range.start.character + 1,
  );
}

function lintText(text) {
  // A byte order mark is not part of the statement.
  const query = text.startsWith('\uFEFF') ? text.slice(1) : text;
  // The linter accepts an empty or blank text silently; a statement file must hold a statement.
  if (query.trim() === '') {
    return [diagnostic('error', 'File contains no Cypher statement', 1, 1)];
  }
  const parameters = Object.fromEntries(
    parseParameters(query, CONSOLE_COMMANDS).map((name) => [name, null]),
  );
  const dbSchema = { defaultLanguage: CYPHER_VERSION, parameters };
  return lintCypherQuery(query, dbSchema, CONSOLE_COMMANDS).map(fromLsp);
}

function lintFile(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return [diagnostic('error', `Cannot read file: ${err.message}`, 1, 1)];
  }
  try {
    return lintText(text);
  } catch (err) {
    return [diagnostic('error', `Linter failed on this file: ${err?.stack ?? err}`, 1, 1)];
  }
}

const paths = readPaths(process.argv.slice(2));
const files = paths.map((path) => ({ path, diagnostics: lintFile(path) }));
process.stdout.write(`${JSON.stringify({ files })}\n`);
