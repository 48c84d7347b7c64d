// Image data: a validation batch with true and predicted labels (wrong ones marked), and the
// confusion matrix of the whole validation set, after each epoch.
import { useEffect, useRef } from 'react';
import type { ImageBatch } from '../messages';
import { useStore } from '../../../app/store';

export function ImageGrid() {
  const batch = useStore((s) => s.imageBatch);
  const names = useStore((s) => s.dataset?.classNames);
  if (!batch) return null;
  const wrong = batch.labels.filter((l, i) => l !== batch.preds[i]).length;
  const name = (c: number) => names?.[c] ?? String(c);
  return (
    <figure className="panel images" data-testid="image-grid">
      <figcaption>
        Validation batch{' '}
        <span className="caption-note">
          epoch {batch.epoch + 1} · {wrong} of {batch.labels.length} wrong (red)
        </span>
      </figcaption>
      <div className="image-cells">
        {batch.labels.map((label, i) => (
          <div key={i} className={`image-cell${label === batch.preds[i] ? '' : ' wrong'}`} data-wrong={label !== batch.preds[i]}>
            <Digit batch={batch} index={i} />
            <span title={`true ${name(label)}, predicted ${name(batch.preds[i])}`}>
              {name(batch.preds[i])}
              {label !== batch.preds[i] && <small> ({name(label)})</small>}
            </span>
          </div>
        ))}
      </div>
    </figure>
  );
}

function Digit({ batch, index }: { batch: ImageBatch; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const { h, w, pixels } = batch;
    const img = ctx.createImageData(w, h);
    for (let p = 0; p < h * w; p++) {
      const v = 255 - pixels[index * h * w + p];
      img.data.set([v, v, v, 255], p * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [batch, index]);
  return <canvas ref={ref} width={batch.w} height={batch.h} />;
}

export function ConfusionMatrix() {
  const confusion = useStore((s) => s.confusion);
  const names = useStore((s) => s.dataset?.classNames);
  if (!confusion) return null;
  const { nClasses: n, counts } = confusion;
  const max = Math.max(1, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  const right = Array.from({ length: n }, (_, i) => counts[i * n + i]).reduce((a, b) => a + b, 0);
  const name = (c: number) => names?.[c] ?? String(c);
  return (
    <figure className="panel confusion" data-testid="confusion">
      <figcaption>
        Confusion matrix{' '}
        <span className="caption-note">
          epoch {confusion.epoch + 1} · rows: true, columns: predicted · {((100 * right) / total).toFixed(1)}% right
        </span>
      </figcaption>
      <table>
        <thead>
          <tr>
            <th />
            {Array.from({ length: n }, (_, c) => (
              <th key={c}>{name(c)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: n }, (_, t) => (
            <tr key={t}>
              <th>{name(t)}</th>
              {Array.from({ length: n }, (_, p) => {
                const v = counts[t * n + p];
                const a = v / max;
                const bg = t === p ? `rgba(16,185,129,${a})` : `rgba(239,68,68,${Math.min(1, a * 2)})`;
                return (
                  <td key={p} style={{ background: v ? bg : undefined, color: a > 0.6 ? '#fff' : undefined }}>
                    {v || ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
