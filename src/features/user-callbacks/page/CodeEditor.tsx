// The editor a user writes a training callback in: CodeMirror 6 with TypeScript highlighting, the
// completions of editor-completions.ts, diagnostics from the caller (compile or run errors) and
// Mod-Enter to run. Loaded on demand (`React.lazy(() => import('./CodeEditor'))`), so CodeMirror
// stays out of the first bundle.
//
// The page's CSP (style-src 'self', no 'unsafe-inline') refuses a <style> element. CodeMirror
// injects its styles with style-mod, which uses a constructable stylesheet (adoptedStyleSheets,
// CSSOM, not governed by the CSP) only in a shadow root: in a document it writes a <style> tag.
// So the editor lives in an open shadow root of the wrapper. Document CSS does not reach into it:
// code-editor.css sizes the wrapper and sets the custom properties (which do inherit) that the
// theme below reads. React sets no style attribute.
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  snippet,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, Compartment, EditorState, Prec, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { completionsAt, type CompletionOption } from './editor-completions';
import './code-editor.css';

export interface CodeEditorDiagnostic {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  readOnly?: boolean;
  diagnostics?: readonly CodeEditorDiagnostic[];
  /** The accessible name of the editable area (`.cm-content`). */
  ariaLabel: string;
  /** data-testid of the wrapper (default 'code-editor'). */
  testId?: string;
  /** Mod-Enter (Ctrl-Enter, ⌘-Enter). */
  onRun?(): void;
}

/** Marks a transaction that puts the `value` prop in: not an edit, so onChange is not called. */
const fromProps = Annotation.define<boolean>();

function toCompletion(o: CompletionOption): Completion {
  return {
    label: o.label,
    type: o.type,
    detail: o.detail,
    info: o.info,
    apply: o.snippet ? snippet(o.snippet) : o.apply,
    boost: o.boost,
  };
}

function completionSource(context: CompletionContext): CompletionResult | null {
  const found = completionsAt(context.state.sliceDoc(0, context.pos), context.explicit);
  if (!found) return null;
  // Offsets in the text before the cursor are document positions: that text starts at 0.
  return { from: found.from, options: found.options.map(toCompletion), validFor: /^[\w$]*$/ };
}

/** The caller's 1-based line/column diagnostics as document ranges (the word at that place), clamped to the doc. */
export function toDiagnostics(state: EditorState, diagnostics: readonly CodeEditorDiagnostic[]): Diagnostic[] {
  const doc = state.doc;
  return diagnostics.map((d) => {
    const line = doc.line(Math.min(Math.max(1, Math.floor(d.line) || 1), doc.lines));
    const from = line.from + Math.min(Math.max(0, (Math.floor(d.column) || 1) - 1), line.length);
    const word = state.wordAt(from);
    const to = word && word.from === from ? word.to : Math.min(from + 1, line.to);
    return { from, to, severity: d.severity, message: d.message };
  });
}

/** Inside the shadow root, so in its adopted stylesheet; the values come from code-editor.css's custom properties. */
const frameTheme = EditorView.theme({
  '&': { height: '100%', fontSize: 'var(--code-editor-font-size, 13px)', color: 'var(--code-editor-text, inherit)' },
  '&.cm-focused': { outline: '2px solid var(--code-editor-focus, #6366f1)', outlineOffset: '-2px' },
  '.cm-scroller': { fontFamily: 'var(--code-editor-font, monospace)', lineHeight: '1.5' },
  '.cm-content': { background: 'var(--code-editor-content-bg, transparent)' },
  '.cm-gutters': {
    background: 'var(--code-editor-gutter-bg, #f6f7fb)',
    color: 'var(--code-editor-gutter-text, #6b7280)',
    borderRight: '1px solid var(--code-editor-border, #e5e7eb)',
  },
});

function editable(readOnly: boolean): Extension {
  return [EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)];
}

function contentLabel(ariaLabel: string): Extension {
  return EditorView.contentAttributes.of({ 'aria-label': ariaLabel });
}

export default function CodeEditor({
  value,
  onChange,
  readOnly = false,
  diagnostics,
  ariaLabel,
  testId = 'code-editor',
  onRun,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const compartments = useRef<{ editable: Compartment; label: Compartment } | null>(null);
  // The latest props, for the view's callbacks and for creating it (effects read, render never writes).
  const latest = useRef({ value, onChange, onRun, readOnly, ariaLabel });
  useLayoutEffect(() => {
    latest.current = { value, onChange, onRun, readOnly, ariaLabel };
  });

  // The view, once per mount (twice in StrictMode's mount-unmount-mount: each one destroyed).
  useEffect(() => {
    const props = latest.current;
    const editableC = new Compartment();
    const labelC = new Compartment();
    const run = () => {
      const f = latest.current.onRun;
      if (!f) return false;
      f();
      return true;
    };
    const state = EditorState.create({
      doc: props.value,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        javascript({ typescript: true }),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        autocompletion({ override: [completionSource] }),
        lintGutter(),
        Prec.highest(keymap.of([{ key: 'Mod-Enter', run, preventDefault: true }])),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorState.tabSize.of(2),
        frameTheme,
        editableC.of(editable(props.readOnly)),
        labelC.of(contentLabel(props.ariaLabel)),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged || u.transactions.every((t) => t.annotation(fromProps))) return;
          const text = u.state.doc.toString();
          latest.current.value = text;
          latest.current.onChange(text);
        }),
      ],
    });
    // attachShadow works once per element: StrictMode's second mount finds the root the first made
    // (empty again: destroy() took the first view out).
    const el = host.current!;
    const root = el.shadowRoot ?? el.attachShadow({ mode: 'open' });
    const v = new EditorView({ state, parent: root, root });
    view.current = v;
    compartments.current = { editable: editableC, label: labelC };
    return () => {
      v.destroy();
      view.current = null;
      compartments.current = null;
    };
  }, []);

  // `value` from outside replaces the doc, when it differs (an edit's own onChange round trip does not).
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const current = v.state.doc.toString();
    if (current === value) return;
    v.dispatch({ changes: { from: 0, to: current.length, insert: value }, annotations: fromProps.of(true) });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    const c = compartments.current;
    if (v && c) v.dispatch({ effects: c.editable.reconfigure(editable(readOnly)) });
  }, [readOnly]);

  useEffect(() => {
    const v = view.current;
    const c = compartments.current;
    if (v && c) v.dispatch({ effects: c.label.reconfigure(contentLabel(ariaLabel)) });
  }, [ariaLabel]);

  // After the value effect, so the positions are those of the doc the diagnostics are about.
  useEffect(() => {
    const v = view.current;
    if (v) v.dispatch(setDiagnostics(v.state, toDiagnostics(v.state, diagnostics ?? [])));
  }, [diagnostics, value]);

  return <div className="code-editor" data-testid={testId} data-readonly={readOnly || undefined} ref={host} />;
}
