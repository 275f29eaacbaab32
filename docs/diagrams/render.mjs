#!/usr/bin/env node
// Renders every <bpmnDir>/*.bpmn to <outDir>/<Name>.svg and <outDir>/<Name>.png
// with bpmn-js' prebuilt viewer bundle inside a headless Debian Chromium
// (driven by playwright-core; no browser download, no network).
//
// Usage: node render.mjs [bpmnDir] [outDir]
//   bpmnDir  default: $BPMN_DIR or <repo>/bpmn      (repo = two levels above this script)
//   outDir   default: $OUT_DIR  or this script's folder (docs/diagrams)
// Other env: CHROMIUM_PATH (default /usr/bin/chromium), RENDER_SCALE (device scale factor, default 1.5)
//
// Exit code: 0 on success, 1 if a file fails to import/render or the bpmn folder is missing.

import { chromium } from 'playwright-core';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BPMN_DIR = path.resolve(process.argv[2] || process.env.BPMN_DIR || path.join(HERE, '..', '..', 'bpmn'));
const OUT_DIR = path.resolve(process.argv[3] || process.env.OUT_DIR || HERE);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SCALE = Number(process.env.RENDER_SCALE || 1.5);
const MARGIN = 20; // px (diagram units) around the diagram's bounding box in the PNG
// bpmn-js draws its bpmn.io watermark (which its licence requires to stay visible and
// not overlapped) 15px from the bottom-right corner; keep a strip below the diagram for it.
const WATERMARK_STRIP = 40;

const BPMN_JS_DIST = path.join(HERE, 'node_modules', 'bpmn-js', 'dist');
const VIEWER_BUNDLE = path.join(BPMN_JS_DIST, 'bpmn-viewer.production.min.js');
const VIEWER_CSS = [
  path.join(BPMN_JS_DIST, 'assets', 'diagram-js.css'),
  path.join(BPMN_JS_DIST, 'assets', 'bpmn-js.css')
];

const BLANK_PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<style>
  html, body { margin: 0; padding: 0; background: #fff; overflow: hidden; }
  #canvas { position: absolute; inset: 0; background: #fff; }
</style></head>
<body><div id="canvas"></div></body></html>`;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

async function listBpmnFiles(dir) {
  let st;
  try {
    st = await stat(dir);
  } catch {
    throw new Error(`BPMN folder not found: ${dir}`);
  }
  if (!st.isDirectory()) throw new Error(`Not a folder: ${dir}`);
  return (await readdir(dir))
    .filter((f) => f.toLowerCase().endsWith('.bpmn'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Renders one file; returns true on success. */
async function renderFile(context, file) {
  const name = path.basename(file).replace(/\.bpmn$/i, '');
  const xml = await readFile(file, 'utf8');
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`  page error (${name}): ${err.message}`));

  try {
    await page.setContent(BLANK_PAGE);
    for (const css of VIEWER_CSS) await page.addStyleTag({ path: css });
    await page.addScriptTag({ path: VIEWER_BUNDLE }); // inlined from disk, no network

    const result = await page.evaluate(async (diagramXML) => {
      const viewer = new window.BpmnJS({ container: '#canvas' });
      window.__viewer = viewer;
      const fmt = (w) => (w && w.message ? w.message : String(w)).split('\n')[0];
      let warnings;
      try {
        ({ warnings } = await viewer.importXML(diagramXML));
      } catch (err) {
        return { error: fmt(err), warnings: (err.warnings || []).map(fmt) };
      }
      const canvas = viewer.get('canvas');
      canvas.zoom('fit-viewport');
      const { svg } = await viewer.saveSVG();
      const { x, y, width, height } = canvas.viewbox().inner;
      return { warnings: warnings.map(fmt), svg, inner: { x, y, width, height } };
    }, xml);

    for (const w of result.warnings) console.log(`  WARN  ${path.basename(file)}: ${w}`);

    if (result.error) {
      console.error(`  ERROR ${file}: import failed: ${result.error}`);
      return false;
    }

    const { inner } = result;
    if (!(inner.width > 0 && inner.height > 0)) {
      console.error(`  ERROR ${file}: diagram is empty (no BPMNDI shapes rendered)`);
      return false;
    }

    await writeFile(path.join(OUT_DIR, `${name}.svg`), result.svg, 'utf8');

    // Size the page to the diagram's bounding box plus a margin (and the watermark
    // strip below it), then show the diagram at scale 1 in the top part of the page.
    const width = Math.ceil(inner.width + 2 * MARGIN);
    const height = Math.ceil(inner.height + 2 * MARGIN + WATERMARK_STRIP);
    await page.setViewportSize({ width, height });
    await page.evaluate(({ inner, margin, width, height }) => {
      const canvas = window.__viewer.get('canvas');
      canvas.resized();
      canvas.viewbox({ x: inner.x - margin, y: inner.y - margin, width, height });
      return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }, { inner, margin: MARGIN, width, height });
    await page.screenshot({ path: path.join(OUT_DIR, `${name}.png`), type: 'png' });

    console.log(`  ok    ${path.basename(file)} -> ${name}.svg, ${name}.png (${width}x${height} @${SCALE}x)`);
    return true;
  } catch (err) {
    console.error(`  ERROR ${file}: ${err.message}`);
    return false;
  } finally {
    await page.close();
  }
}

async function main() {
  const files = await listBpmnFiles(BPMN_DIR);
  if (files.length === 0) {
    console.log(`No .bpmn files in ${BPMN_DIR}; nothing to render.`);
    return 0;
  }
  await mkdir(OUT_DIR, { recursive: true });
  console.log(`Rendering ${files.length} file(s) from ${BPMN_DIR} to ${OUT_DIR}`);

  const userDataDir = await mkdtemp(path.join(tmpdir(), 'irflow-render-'));
  let context;
  const failed = [];
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1600, height: 1000 },
      deviceScaleFactor: SCALE
    });
    // Defence in depth: the page never needs the network.
    await context.route('**/*', (route) => route.abort());

    for (const file of files) {
      if (!(await renderFile(context, file))) failed.push(file);
    }
  } finally {
    if (context) await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }

  if (failed.length) {
    console.error(`\n${failed.length} of ${files.length} file(s) failed: ${failed.map((f) => path.basename(f)).join(', ')}`);
    return 1;
  }
  console.log(`Done: ${files.length} file(s).`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`render failed: ${err.message}`);
    process.exit(1);
  }
);
