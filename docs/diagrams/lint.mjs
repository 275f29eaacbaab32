#!/usr/bin/env node
// Lints every <bpmnDir>/*.bpmn with bpmnlint, using ./.bpmnlintrc (extends bpmnlint:recommended).
//
// Usage: node lint.mjs [bpmnDir]      (default: $BPMN_DIR or <repo>/bpmn)
//
// The file list is built here (no shell glob, so an empty folder or a path with
// spaces behaves the same everywhere) and handed to bpmnlint's own CLI, so the
// output and exit code are bpmnlint's: non-zero if any rule reports an error.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BPMN_DIR = path.resolve(process.argv[2] || process.env.BPMN_DIR || path.join(HERE, '..', '..', 'bpmn'));
const BPMNLINT_CLI = path.join(HERE, 'node_modules', 'bpmnlint', 'bin', 'bpmnlint.js');
const CONFIG = path.join(HERE, '.bpmnlintrc');

if (!existsSync(BPMN_DIR) || !statSync(BPMN_DIR).isDirectory()) {
  console.error(`BPMN folder not found: ${BPMN_DIR}`);
  process.exit(1);
}

const files = readdirSync(BPMN_DIR)
  .filter((f) => f.toLowerCase().endsWith('.bpmn'))
  .sort()
  .map((f) => path.join(BPMN_DIR, f));

if (files.length === 0) {
  console.log(`No .bpmn files in ${BPMN_DIR}; nothing to lint.`);
  process.exit(0);
}

console.log(`Linting ${files.length} file(s) in ${BPMN_DIR} with ${path.relative(process.cwd(), CONFIG) || CONFIG}`);

const { status, error } = spawnSync(process.execPath, [BPMNLINT_CLI, '--config', CONFIG, ...files], {
  cwd: HERE, // bpmnlint resolves rules/plugins and moddle extensions from here
  stdio: 'inherit'
});

if (error) {
  console.error(`could not run bpmnlint: ${error.message}`);
  process.exit(1);
}
if (status === 0) console.log('bpmnlint: no errors.');
process.exit(status ?? 1);
