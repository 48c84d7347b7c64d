#!/usr/bin/env node
// `npm test`: everything a fresh machine needs to check the project.
//   1. Chromium for the e2e tests (Debian's; installed with apt when we are root on Debian)
//   2. tsc -b          (every thread's tsconfig)
//   3. npm run lint    (eslint, zero warnings)
//   4. npm run format:check (prettier --check)
//   5. vitest run      (unit tests, Node)
//   6. test:fastai     (the exported fastai scripts in real fastai 2.7.18, against the page's runs), when
//      ../shared/fastai/setup.sh can install fastai (Debian's CPU PyTorch, as root); otherwise skipped, saying why
//   7. playwright test (e2e, headless Chromium: the build with and without WebGPU, and `npm run dev`)
// Stops at the first failing step and prints a summary.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL_HINT = "Install Debian's chromium: sudo apt-get install -y chromium, or set CHROMIUM_PATH=/path/to/chromium";

const results = [];

function run(label, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${label}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  const ok = r.status === 0;
  results.push({ label, ok, seconds });
  if (!ok) {
    const why = r.error ? r.error.message : r.signal ? `signal ${r.signal}` : `exit code ${r.status}`;
    finish(`${label} failed (${why})`);
  }
}

function finish(failure) {
  console.log('\n──── summary ────');
  for (const r of results) {
    if (r.skipped) console.log(`– ${r.label.padEnd(22)} skipped: ${r.skipped}`);
    else console.log(`${r.ok ? '✔' : '✘'} ${r.label.padEnd(22)} ${r.seconds.padStart(6)} s`);
  }
  if (failure) {
    console.error(`\n✘ ${failure}`);
    process.exit(1);
  }
  console.log('\n✔ all checks passed');
  process.exit(0);
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function ensureChromium() {
  if (isExecutable(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (!process.env.CHROMIUM_PATH && isRoot && isDebian) {
    console.log(`Chromium not found at ${CHROMIUM}: installing Debian's chromium with apt-get…`);
    run('apt-get update', 'apt-get', ['update'], { DEBIAN_FRONTEND: 'noninteractive' });
    run('apt-get install chromium', 'apt-get', ['install', '-y', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' });
    if (isExecutable(CHROMIUM)) return;
  }
  console.error(`✘ Chromium not found at ${CHROMIUM} (needed by the e2e tests).\n  ${INSTALL_HINT}`);
  process.exit(1);
}

/** fastai's PYTHONPATH for test:fastai (setup.sh apt-installs Debian's PyTorch as root the first time), or why not. */
function fastaiPath() {
  if (process.env.FASTAI_PYTHONPATH) return { path: process.env.FASTAI_PYTHONPATH };
  const setup = join(process.env.FASTAI_SHARED ?? '../shared/fastai', 'setup.sh');
  if (!existsSync(setup)) return { skip: `${setup} not found (it installs fastai 2.7.18 on Debian; set FASTAI_SHARED)` };
  if (!existsSync('/etc/debian_version') || !isExecutable('/usr/bin/python3')) return { skip: 'needs Debian with /usr/bin/python3' };
  console.log(`\n▶ fastai: bash ${setup} (installs Debian's CPU PyTorch the first time, as root)`);
  const r = spawnSync('bash', [setup], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const path = (r.stdout ?? '').trim().split('\n').at(-1);
  if (r.status !== 0 || !path) return { skip: `${setup} failed (${r.error?.message ?? `exit code ${r.status}`}; see above)` };
  return { path };
}

function fastaiStep() {
  const found = fastaiPath();
  if (found.path) return run('fastai (test:fastai)', 'npm', ['run', '--silent', 'test:fastai'], { FASTAI_PYTHONPATH: found.path });
  console.log(`\n– test:fastai skipped: ${found.skip}`);
  results.push({ label: 'fastai (test:fastai)', ok: true, skipped: found.skip, seconds: '0' });
}

ensureChromium();
run('typecheck (tsc -b)', 'npx', ['tsc', '-b']);
run('lint (eslint)', 'npm', ['run', '--silent', 'lint']);
run('format (prettier)', 'npm', ['run', '--silent', 'format:check']);
run('unit (vitest)', 'npx', ['vitest', 'run']);
fastaiStep();
run('e2e (playwright)', 'npx', ['playwright', 'test'], { CHROMIUM_PATH: CHROMIUM, CI: process.env.CI ?? '1' });
finish();
