#!/usr/bin/env node
// Compiles contracts/*.sol with solc-js (no compiler download: `hardhat compile` would fetch one and
// fails offline) and writes build/<Contract>.json = {contractName, abi, bytecode}. Copies the prebuilt
// Safe 1.5.0 artifacts that the tests deploy into build/ in the same shape.
"use strict";
const fs = require("fs");
const path = require("path");
const solc = require("solc");

const root = path.resolve(__dirname, "..");
const contractsDir = path.join(root, "contracts");
const buildDir = path.join(root, "build");

const SAFE_ARTIFACTS = {
  Safe: "contracts/Safe.sol/Safe.json",
  SafeProxyFactory: "contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json",
  CompatibilityFallbackHandler: "contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json",
  MultiSendCallOnly: "contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json",
};

function findImport(importPath) {
  for (const base of [root, path.join(root, "node_modules")]) {
    const file = path.join(base, importPath);
    if (fs.existsSync(file)) {
      return { contents: fs.readFileSync(file, "utf8") };
    }
  }
  return { error: `not found: ${importPath}` };
}

function writeArtifact(name, abi, bytecode) {
  const prefixed = bytecode.startsWith("0x") ? bytecode : `0x${bytecode}`;
  fs.writeFileSync(path.join(buildDir, `${name}.json`),
    JSON.stringify({ contractName: name, abi, bytecode: prefixed }, null, 2) + "\n");
}

const sources = {};
for (const file of fs.readdirSync(contractsDir).filter((f) => f.endsWith(".sol")).sort()) {
  sources[`contracts/${file}`] = { content: fs.readFileSync(path.join(contractsDir, file), "utf8") };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    evmVersion: "shanghai",
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
const errors = (output.errors || []).filter((e) => e.severity === "error");
for (const message of output.errors || []) {
  console.error(message.formattedMessage);
}
if (errors.length > 0) {
  process.exit(1);
}

fs.rmSync(buildDir, { recursive: true, force: true });
fs.mkdirSync(buildDir, { recursive: true });
const written = [];
for (const [source, contracts] of Object.entries(output.contracts)) {
  if (!source.startsWith("contracts/")) continue;
  for (const [name, contract] of Object.entries(contracts)) {
    if (!contract.evm.bytecode.object) continue; // interfaces, abstract contracts
    writeArtifact(name, contract.abi, contract.evm.bytecode.object);
    written.push(name);
  }
}

const safeBuild = path.join(path.dirname(require.resolve("@safe-global/safe-smart-account/package.json")),
  "build", "artifacts");
for (const [name, relative] of Object.entries(SAFE_ARTIFACTS)) {
  const artifact = JSON.parse(fs.readFileSync(path.join(safeBuild, relative), "utf8"));
  writeArtifact(name, artifact.abi, artifact.bytecode);
  written.push(name);
}

console.log(`solc ${solc.version()}: wrote ${written.map((n) => `build/${n}.json`).join(", ")}`);
