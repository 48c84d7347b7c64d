// The run's timeline of callback changes, as applied between batches.
import { useStore } from '../../../app/store';

export function CallbacksTimeline() {
  const timeline = useStore((s) => s.callbacks.timeline);
  return (
    <div className="cb-timeline" data-testid="cb-timeline" data-entries={timeline.length}>
      <h3>
        Run timeline <span className="caption-note">changes apply between batches</span>
      </h3>
      {timeline.length === 0 ? (
        <p className="muted cb-small">Nothing yet — switch a callback on or off while training.</p>
      ) : (
        <ol className="timeline">
          {timeline.map((e, i) => (
            <li key={i} className={`tl-${e.kind}`} data-testid="cb-timeline-entry" data-kind={e.kind} data-train-iter={e.trainIter}>
              <span className="tl-dot" aria-hidden="true" />
              {e.text}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
