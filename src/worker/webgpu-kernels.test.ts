// The playground's webgpu kernels on the real webgpu backend (Dawn in a child Node process, on the
// SwiftShader driver that Debian's chromium ships): the fused Adam step gives the composite ops'
// numbers with fewer dispatches; the conv filter gradient gives the cpu backend's numbers; the dispatch
// cutters (fused cross entropy, concat/split as copies, one-pass bias sums, relu and max-pool gradients
// in one pass) give tfjs's own numbers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

describe('webgpu kernels (webgpu-tuning.ts)', () => {
  it('fused Adam matches the composite ops over 4 steps with far fewer dispatches; conv filter gradients match the cpu backend', async () => {
    expect(existsSync(ICD), `needs SwiftShader from Debian's chromium (${ICD}): apt-get install -y chromium`).toBe(true);
    mkdirSync('node_modules/.tmp', { recursive: true });
    const outfile = 'node_modules/.tmp/webgpu-kernels-probe.mjs';
    await build({
      entryPoints: ['src/worker/webgpu-kernels.probe.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['webgpu'],
      banner: { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" },
      outfile,
      logLevel: 'warning',
    });
    const env = { ...process.env, LD_LIBRARY_PATH: '/usr/lib/chromium', VK_ICD_FILENAMES: ICD };
    const r = spawnSync(process.execPath, [outfile], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(out.n).toBe(12 + 4 + 8);
    expect(out.maxDiff).toBeLessThan(1e-5);
    // With a parameter exempt from weight decay, the fused kernel's prefix mask gives fastai's
    // per-parameter loop (weight_decay skipped where do_wd is False), and the decay did matter:
    // without the exemption that parameter would sit lr·wd·|p| (≥ 1e-4 here) away.
    expect(out.maxDiffPerParam).toBeLessThan(1e-5);
    expect(out.exemptShift).toBeGreaterThan(1e-4);
    expect(out.leaked).toBe(0);
    expect(out.defaultFlat).toBe(false); // SwiftShader: per-parameter by default
    // Steps 1–3 are flat: fused = concat p, concat g, the kernel, the split; composite adds ~14
    // (fewer at step 1, where the zero state still sits on the CPU and tfjs runs small ops there).
    for (let i = 0; i < 3; i++) expect(out.fused[i]).toBeLessThan(out.composite[i]);
    for (let i = 1; i < 3; i++) expect(out.fused[i] * 3).toBeLessThanOrEqual(out.composite[i]);
    // Step 4 (a null gradient) goes parameter by parameter in both.
    expect(out.fused[3]).toBe(out.composite[3]);
    // Conv2D filter gradients (im2col + matmul) against tfjs's cpu backend, relative to the largest value.
    expect(out.convDiffs).toHaveLength(3);
    for (const d of out.convDiffs) expect(d).toBeLessThan(1e-5);
    expect(out.matMuls).toEqual([1, 1, 1]); // the playground's kernel ran, once per case
    // The dispatch cutters: tfjs's numbers, fewer dispatches.
    expect(out.curveLength).toBe(12);
    expect(out.curveDrop).toBeGreaterThan(0.1); // it learned: the curve compared is not flat
    expect(out.curveDiff).toBeLessThan(1e-5);
    expect(out.ceLossDiff).toBeLessThan(1e-5);
    expect(out.ceGradDiff).toBeLessThan(1e-5);
    expect(out.cutLeaked).toBe(0);
    expect(out.reluCut).toEqual(out.reluPlain);
    expect(out.reluCut).toEqual(['0', '0', '3', 'NaN', '5']);
    expect(out.poolGradSize).toBe(3 * 2 * 7 * 6 * 3);
    expect(out.poolGradNonZero).toBeGreaterThan(100);
    expect(out.poolGradDiff).toBe(0); // same argmax, same sums: bit for bit
    // A 3-layer MLP with flat fused Adam: 50 dispatches a step on tfjs's kernels, 20 with the cutters
    // (the target for the bench's MLP, same layers: 24).
    for (let i = 0; i < 12; i++) {
      expect(out.cutDispatches[i]).toBeLessThanOrEqual(24);
      expect(out.cutDispatches[i] + 25).toBeLessThanOrEqual(out.plainDispatches[i]);
    }
  }, 90_000);
});
