// TensorFlow Playground's view: the model's prediction over the plane, the points on top.
import { useEffect, useRef } from 'react';
import type { BoundaryGrid } from '../messages';
import type { DatasetInfo } from '../../setup/messages';
import { useStore } from '../../../app/store';

/** One colour per class (up to 8 arms), as [r, g, b]. */
export const CLASS_RGB: [number, number, number][] = [
  [249, 115, 22],
  [59, 130, 246],
  [16, 185, 129],
  [236, 72, 153],
  [234, 179, 8],
  [139, 92, 246],
  [20, 184, 166],
  [100, 116, 139],
];
const PX = 320;

export function BoundaryView() {
  const info = useStore((s) => s.dataset);
  const grid = useStore((s) => s.boundary);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx && info?.points) draw(ctx, info, grid);
  }, [info, grid]);
  if (!info?.points) return null;
  return (
    <figure className="panel boundary-view" data-testid="boundary" data-has-grid={grid ? 'true' : 'false'}>
      <figcaption>
        Decision boundary{' '}
        <span className="caption-note">
          {info.name} · {info.nTrain} training points
        </span>
      </figcaption>
      <canvas ref={ref} width={PX} height={PX} />
    </figure>
  );
}

function draw(ctx: CanvasRenderingContext2D, info: DatasetInfo, grid: BoundaryGrid | null): void {
  ctx.fillStyle = '#f8fafc';
  ctx.fillRect(0, 0, PX, PX);
  const points = info.points as Float32Array;
  let lo = -1.2;
  let hi = 1.2;
  if (grid) {
    ({ lo, hi } = grid);
    const img = ctx.createImageData(grid.size, grid.size);
    let vMin = Infinity;
    let vMax = -Infinity;
    if (!grid.confidence)
      for (const v of grid.values) {
        vMin = Math.min(vMin, v);
        vMax = Math.max(vMax, v);
      }
    for (let i = 0; i < grid.values.length; i++) {
      let rgb: [number, number, number];
      let a: number;
      if (grid.confidence) {
        rgb = CLASS_RGB[grid.values[i] % CLASS_RGB.length];
        a = 0.15 + 0.5 * grid.confidence[i];
      } else {
        const t = (grid.values[i] - vMin) / (vMax - vMin || 1);
        rgb = t > 0.5 ? CLASS_RGB[1] : CLASS_RGB[0];
        a = Math.abs(t - 0.5) * 1.4;
      }
      img.data.set([255 - a * (255 - rgb[0]), 255 - a * (255 - rgb[1]), 255 - a * (255 - rgb[2]), 255], i * 4);
    }
    const tmp = new OffscreenCanvas(grid.size, grid.size);
    tmp.getContext('2d')?.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(tmp, 0, 0, PX, PX);
  }
  const labels = info.pointLabels as Float32Array;
  const toPx = (v: number) => ((v - lo) / (hi - lo)) * PX;
  let lMin = Infinity;
  let lMax = -Infinity;
  if (info.task === 'regression')
    for (const v of labels) {
      lMin = Math.min(lMin, v);
      lMax = Math.max(lMax, v);
    }
  ctx.lineWidth = 1;
  ctx.strokeStyle = 'rgba(255,255,255,0.9)';
  for (let i = 0; i < labels.length; i++) {
    const rgb =
      info.task === 'classification'
        ? CLASS_RGB[labels[i] % CLASS_RGB.length]
        : (labels[i] - lMin) / (lMax - lMin || 1) > 0.5
          ? CLASS_RGB[1]
          : CLASS_RGB[0];
    ctx.fillStyle = `rgb(${rgb.join(',')})`;
    ctx.beginPath();
    ctx.arc(toPx(points[2 * i]), PX - toPx(points[2 * i + 1]), 3, 0, Math.PI * 2);
    ctx.fill();
    ctx.stroke();
  }
}
