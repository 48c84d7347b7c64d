// Runs the bundled Node benchmark on this machine: WebGPU through Dawn on SwiftShader (the Vulkan
// driver inside Debian's chromium), or the cpu backend with --backend=cpu. Extra args pass through.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const env = { ...process.env };
const icd = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (!args.some((a) => a === '--backend=cpu')) {
  if (!existsSync(icd)) {
    console.error(`WebGPU in Node needs SwiftShader from Debian's chromium (${icd}): apt-get install -y chromium, or pass --backend=cpu`);
    process.exit(1);
  }
  env.LD_LIBRARY_PATH = ['/usr/lib/chromium', env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  env.VK_ICD_FILENAMES = icd;
}
const r = spawnSync(process.execPath, ['bench/out/node-bench.mjs', ...args], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
