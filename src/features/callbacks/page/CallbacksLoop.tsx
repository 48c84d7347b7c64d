// fastai's show_training_loop, live: for each event, the callbacks that run, in order (the page's
// plumbing only with "show page plumbing").
import { useMemo, useState } from 'react';
import type { LoopLineData } from '../messages';
import { useStore } from '../../../app/store';
import { loopWithoutPlumbing } from './plumbing-view';
import { PlumbingSwitch } from './PlumbingSwitch';

export function CallbacksLoop({ highlight }: { highlight: Set<string> }) {
  const all = useStore((s) => s.callbacks.loop);
  const showPlumbing = useStore((s) => s.callbacks.showPlumbing);
  const loop = useMemo(() => loopWithoutPlumbing(all, showPlumbing), [all, showPlumbing]);
  const [showEmpty, setShowEmpty] = useState(false);
  return (
    <div className="cb-loop" data-testid="training-loop">
      <h3>
        Training loop <span className="caption-note">fastai's show_training_loop</span>
        <span className="cb-loop-switches">
          <label className="cb-small">
            <input type="checkbox" checked={showEmpty} onChange={(e) => setShowEmpty(e.currentTarget.checked)} /> events with no callback
          </label>
          <PlumbingSwitch />
        </span>
      </h3>
      <ol className="loop-lines">
        {loop
          .filter((l) => showEmpty || l.kind !== 'event' || l.callbacks.length > 0)
          .map((l, i) => (
            <LoopLine key={i} line={l} highlight={highlight} />
          ))}
      </ol>
    </div>
  );
}

function LoopLine({ line, highlight }: { line: LoopLineData; highlight: Set<string> }) {
  const pad = { paddingLeft: `${line.depth * 14}px` };
  if (line.kind !== 'event')
    return (
      <li className={`loop-${line.kind}`} style={pad}>
        {line.label}
      </li>
    );
  return (
    <li className="loop-event" style={pad} data-event={line.event} data-phase={line.phase ?? ''}>
      <span className="loop-event-name">{line.event}</span>
      <span className="loop-cbs">
        {line.callbacks.map((name, i) => (
          <span key={i} className={`loop-cb${highlight.has(name) ? ' loop-cb-user' : ''}`}>
            {name}
          </span>
        ))}
      </span>
    </li>
  );
}
