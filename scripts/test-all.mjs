#!/usr/bin/env node
// `npm test`: everything a fresh machine needs to check the project.
//   1. Chromium for the e2e tests (Debian's; installed with apt when we are root on Debian)
//   2. tsc -b          (every thread's tsconfig)
//   3. npm run lint    (eslint, zero warnings)
//   4. npm run format:check (prettier --check)
//   5. vitest run      (unit tests, Node)
//   6. playwright test (e2e, headless Chromium with and without WebGPU)
// Stops at the first failing step and prints a summary.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

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
  for (const r of results) console.log(`${r.ok ? '✔' : '✘'} ${r.label.padEnd(22)} ${r.seconds.padStart(6)} s`);
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

ensureChromium();
run('typecheck (tsc -b)', 'npx', ['tsc', '-b']);
run('lint (eslint)', 'npm', ['run', '--silent', 'lint']);
run('format (prettier)', 'npm', ['run', '--silent', 'format:check']);
run('unit (vitest)', 'npx', ['vitest', 'run']);
run('e2e (playwright)', 'npx', ['playwright', 'test'], { CHROMIUM_PATH: CHROMIUM, CI: process.env.CI ?? '1' });
finish();
