// The Learner's own source (src/learner/learner.ts, imported as text so it never goes stale) in a
// read-only CodeMirror view: the line the loop stopped at (or the selected frame's line) highlighted
// and scrolled to, a dot in the gutter on each line where an event is called, and "Run to here" for
// the events of a clicked line. Loaded on demand (`lazy(() => import('./LoopSource'))`), so
// CodeMirror stays out of the first bundle.
//
// As CodeEditor.tsx: the page's CSP refuses <style> elements, and CodeMirror writes one in a
// document; in a shadow root it uses a constructable stylesheet instead. So the view lives in an
// open shadow root of its host; Debugger.css sets the --dbg-src-* custom properties it reads.
import { javascript } from '@codemirror/lang-javascript';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState, RangeSetBuilder, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, gutter, lineNumbers, type DecorationSet } from '@codemirror/view';
import { useEffect, useMemo, useRef, useState } from 'react';
import learnerSource from '../../../learner/learner.ts?raw';
import { eventLines, frameLines } from '../../../shared/loop-source';
import type { DebugEvent, DebugPause } from '../messages';
import { debugCommand } from './debugger-actions';

/** 1-based line of each event's call in the Learner's source. */
const EVENT_LINES: Record<DebugEvent, number> = eventLines(learnerSource);
/** The line of each frame of a stop's stack (0: not known). */
const FRAME_LINES = frameLines(learnerSource);

/** The events called at each line, in the loop's order. */
const EVENTS_AT = new Map<number, DebugEvent[]>();
for (const [event, line] of Object.entries(EVENT_LINES) as [DebugEvent, number][]) {
  EVENTS_AT.set(line, [...(EVENTS_AT.get(line) ?? []), event]);
}

interface Marks {
  /** The line executing at the stop (or the selected frame's). */
  exec: number | null;
  /** The line the person clicked. */
  picked: number | null;
}

const setMarks = StateEffect.define<Marks>();

const execLine = Decoration.line({ class: 'cm-exec-line' });
const pickedLine = Decoration.line({ class: 'cm-picked-line' });

const marksField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (!e.is(setMarks)) continue;
      const doc = tr.state.doc;
      const valid = (n: number | null): n is number => n !== null && n >= 1 && n <= doc.lines;
      const lines: [number, Decoration][] = [];
      if (valid(e.value.exec)) lines.push([e.value.exec, execLine]);
      if (valid(e.value.picked) && e.value.picked !== e.value.exec) lines.push([e.value.picked, pickedLine]);
      lines.sort((a, b) => a[0] - b[0]);
      const b = new RangeSetBuilder<Decoration>();
      for (const [n, d] of lines) b.add(doc.line(n).from, doc.line(n).from, d);
      deco = b.finish();
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

class EventDot extends GutterMarker {
  constructor(private readonly events: DebugEvent[]) {
    super();
  }
  eq(other: EventDot) {
    return other.events.join() === this.events.join();
  }
  toDOM() {
    const dot = document.createElement('span');
    dot.className = 'cm-event-dot';
    dot.textContent = '●';
    dot.title = `${this.events.join(', ')}: click to run to here`;
    return dot;
  }
}

const DOTS = new Map([...EVENTS_AT].map(([line, events]) => [line, new EventDot(events)]));

/** Inside the shadow root, so in its adopted stylesheet; the values come from Debugger.css's custom properties. */
const theme = EditorView.theme({
  '&': { height: '100%', fontSize: 'var(--dbg-src-font-size, 12.5px)', color: 'var(--dbg-src-text, inherit)' },
  '.cm-scroller': { fontFamily: 'var(--dbg-src-font, monospace)', lineHeight: '1.5' },
  '.cm-content': { background: 'var(--dbg-src-bg, #fff)', cursor: 'pointer' },
  '.cm-gutters': {
    background: 'var(--dbg-src-gutter-bg, #f6f7fb)',
    color: 'var(--dbg-src-gutter-text, #6b7280)',
    borderRight: '1px solid var(--dbg-src-border, #e5e7eb)',
  },
  '.cm-event-gutter .cm-gutterElement': { cursor: 'pointer', padding: '0 2px 0 4px', minWidth: '12px' },
  '.cm-event-dot': { color: 'var(--dbg-src-dot, #a5b4fc)', fontSize: '10px' },
  '.cm-exec-line': {
    background: 'var(--dbg-src-exec-bg, #fef3c7)',
    boxShadow: 'inset 3px 0 0 var(--dbg-src-exec-edge, #f59e0b)',
  },
  '.cm-picked-line': { background: 'var(--dbg-src-picked-bg, #eef2ff)' },
});

export interface LoopSourceProps {
  pause: DebugPause;
  paused: boolean;
  /** The selected frame of pause.stack (null: the innermost, where the loop stands). */
  frame: number | null;
}

export default function LoopSource({ pause, paused, frame }: LoopSourceProps) {
  const event = pause.snapshot.event;
  const lines = useMemo(() => FRAME_LINES(pause.stack ?? [], event), [pause.stack, event]);
  const line = lines[frame ?? lines.length - 1] || EVENT_LINES[event] || null;
  const [picked, setPicked] = useState<number | null>(null);
  // A new stop forgets the clicked line (state adjusted while rendering, not in an effect).
  const [seenPause, setSeenPause] = useState(pause);
  if (seenPause !== pause) {
    setSeenPause(pause);
    setPicked(null);
  }

  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);

  useEffect(() => {
    const lineAt = (v: EditorView, pos: number) => v.state.doc.lineAt(pos).number;
    const state = EditorState.create({
      doc: learnerSource,
      extensions: [
        lineNumbers(),
        gutter({
          class: 'cm-event-gutter',
          lineMarker: (v, block) => DOTS.get(lineAt(v, block.from)) ?? null,
          initialSpacer: () => new EventDot([]),
          domEventHandlers: {
            mousedown: (v, block) => {
              setPicked(lineAt(v, block.from));
              return true;
            },
          },
        }),
        javascript({ typescript: true }),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        EditorState.readOnly.of(true),
        EditorView.editable.of(false),
        // The column is narrow (about half of the panel): long lines wrap rather than hide.
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'The Learner’s source, src/learner/learner.ts' }),
        marksField,
        theme,
        EditorView.domEventHandlers({
          mousedown: (e, v) => {
            const pos = v.posAtCoords({ x: e.clientX, y: e.clientY });
            if (pos !== null) setPicked(lineAt(v, pos));
            return false;
          },
        }),
      ],
    });
    // attachShadow works once per element: StrictMode's second mount finds the root the first made.
    const el = host.current!;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const v = new EditorView({ state, parent: root, root });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  // The marks, and the executing line into the middle of the view (the editor scrolls, not the page).
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    v.dispatch({ effects: setMarks.of({ exec: line, picked }) });
  }, [line, picked]);
  useEffect(() => {
    const v = view.current;
    if (!v || line === null || line < 1 || line > v.state.doc.lines) return;
    const pos = v.state.doc.line(line).from;
    v.requestMeasure({
      read: (m) => ({ top: m.lineBlockAt(pos).top, height: m.scrollDOM.clientHeight }),
      write: ({ top, height }, m) => {
        m.scrollDOM.scrollTop = Math.max(0, top - height / 3);
      },
    });
  }, [line, pause]);

  const events = picked === null ? [] : (EVENTS_AT.get(picked) ?? []);
  return (
    <div className="dbg-card dbg-source" data-testid="loop-source" data-line={line ?? ''} data-event={event}>
      <h3>
        Learner source{' '}
        <span className="caption-note">src/learner/learner.ts · {frame === null ? 'where the loop stands' : 'the selected frame'}</span>
      </h3>
      <div className="dbg-source-code" ref={host} />
      <div className="dbg-runto" data-testid="dbg-run-to-bar">
        {picked === null ? (
          <span className="muted">Click a line marked ● to run to its event.</span>
        ) : events.length === 0 ? (
          <span className="muted">Line {picked} calls no event: click a line marked ●.</span>
        ) : (
          <>
            <span>Line {picked}:</span>
            {events.map((e) => (
              <button
                key={e}
                data-testid="dbg-run-to"
                data-event={e}
                disabled={!paused}
                onClick={() => debugCommand({ kind: 'runTo', event: e })}
                title={`Run until the loop next reaches ${e}`}
              >
                Run to <code>{e}</code>
              </button>
            ))}
          </>
        )}
      </div>
    </div>
  );
}
