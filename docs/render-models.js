// Renders bpmn/account-opening.bpmn and the decision table of dmn/account-opening-mode.dmn to PNG
// for the README, with bpmn-js and dmn-js in headless Chromium: the pictures are the models themselves.
//   npm ci && npm run render            (needs chromium; CHROMIUM=/path/to/chromium to choose one)
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const out = path.join(root, 'docs', 'images');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'render-'));
const modules = path.join(root, 'node_modules');

function page(title, scripts, styles, body) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
${styles.map((s) => `<link rel="stylesheet" href="file://${s}">`).join('\n')}
<style>html, body { margin: 0; background: white; font-family: sans-serif; } #canvas { width: 100vw; height: 100vh; }</style>
${scripts.map((s) => `<script src="file://${s}"></script>`).join('\n')}
</head><body><div id="canvas"></div><script>${body}</script></body></html>`;
}

function render(name, html, width, height) {
  const file = path.join(work, `${name}.html`);
  fs.writeFileSync(file, html);
  const target = path.join(out, `${name}.png`);
  execFileSync(chromium, ['--headless=new', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--allow-file-access-from-files',
    `--window-size=${width},${height}`, '--virtual-time-budget=5000', `--screenshot=${target}`, `file://${file}`],
  { stdio: 'ignore' });
  console.log(`wrote ${path.relative(root, target)}`);
}

const bpmn = fs.readFileSync(path.join(root, 'bpmn', 'account-opening.bpmn'), 'utf8');
render('account-opening', page('account-opening',
  [path.join(modules, 'bpmn-js/dist/bpmn-viewer.production.min.js')],
  [path.join(modules, 'bpmn-js/dist/assets/diagram-js.css'), path.join(modules, 'bpmn-js/dist/assets/bpmn-js.css')],
  `const viewer = new BpmnJS({ container: '#canvas' });
   viewer.importXML(${JSON.stringify(bpmn)}).then(() => viewer.get('canvas').zoom('fit-viewport'));`), 2100, 1050);

const dmn = fs.readFileSync(path.join(root, 'dmn', 'account-opening-mode.dmn'), 'utf8');
const dmnAssets = path.join(modules, 'dmn-js/dist/assets');
render('account-opening-mode', page('account-opening-mode',
  [path.join(modules, 'dmn-js/dist/dmn-viewer.production.min.js')],
  ['diagram-js.css', 'dmn-js-shared.css', 'dmn-js-decision-table.css', 'dmn-font/css/dmn-embedded.css']
    .map((s) => path.join(dmnAssets, s)),
  `const viewer = new DmnJS({ container: '#canvas' });
   viewer.importXML(${JSON.stringify(dmn)}).then(() => {
     const table = viewer.getViews().find((v) => v.type === 'decisionTable');
     return viewer.open(table);
   });`), 1100, 420);
fs.rmSync(work, { recursive: true, force: true });
