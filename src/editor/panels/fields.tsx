// The panels' inputs. They hold what is being typed and commit it on blur or Enter (Escape puts
// the value back), so that one change is one undo step, not one per keystroke. A field may check
// the text first and show why it cannot take it, inline.

import { type ReactNode, useId, useState } from 'react';

interface CommitProps {
  /** The value in the file now; a change from outside (undo) replaces what was typed. */
  value: string;
  /** Called with the text when it differs from value; a string returned is an error to show. */
  onCommit(text: string): unknown;
  /** Checked before committing; an error keeps the text and shows the message. */
  validate?(text: string): string | undefined;
  id?: string;
  placeholder?: string;
  list?: string;
  testId?: string;
  ariaLabel?: string;
  disabled?: boolean;
  className?: string;
  inputMode?: 'text' | 'decimal' | 'numeric';
}

/** Local text that follows `value` whenever `value` changes. */
function useDraft(value: string) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [error, setError] = useState<string | undefined>();
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
    setError(undefined);
  }
  return { draft, setDraft, error, setError };
}

function useCommit(props: CommitProps) {
  const state = useDraft(props.value);
  const commit = () => {
    if (state.draft === props.value) {
      state.setError(undefined);
      return;
    }
    let problem = props.validate?.(state.draft);
    if (problem === undefined) {
      const result = props.onCommit(state.draft);
      problem = typeof result === 'string' && result !== '' ? result : undefined;
    }
    state.setError(problem || undefined);
  };
  const revert = () => {
    state.setDraft(props.value);
    state.setError(undefined);
  };
  return { ...state, commit, revert };
}

export function TextField(props: CommitProps) {
  const { draft, setDraft, error, commit, revert } = useCommit(props);
  return (
    <>
      <input
        className={`pn-input${error ? ' pn-invalid' : ''}${props.className ? ` ${props.className}` : ''}`}
        type="text"
        id={props.id}
        value={draft}
        placeholder={props.placeholder}
        list={props.list}
        disabled={props.disabled}
        inputMode={props.inputMode}
        aria-label={props.ariaLabel}
        aria-invalid={error ? true : undefined}
        data-testid={props.testId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            revert();
          }
        }}
      />
      {error && <FieldError message={error} />}
    </>
  );
}

export function TextArea(props: CommitProps & { rows?: number }) {
  const { draft, setDraft, error, commit, revert } = useCommit(props);
  return (
    <>
      <textarea
        className="pn-input pn-textarea"
        rows={props.rows ?? 3}
        id={props.id}
        value={draft}
        placeholder={props.placeholder}
        disabled={props.disabled}
        aria-label={props.ariaLabel}
        data-testid={props.testId}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          // Ctrl+Enter commits; a plain Enter is a new line.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            commit();
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            revert();
          }
        }}
      />
      {error && <FieldError message={error} />}
    </>
  );
}

export function FieldError({ message }: { message: string }) {
  return (
    <span className="pn-error" role="alert">
      {message}
    </span>
  );
}

/** A labelled field: the label above its input. */
export function Field(props: {
  label: string;
  children: (id: string) => ReactNode;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="pn-field">
      <label className="pn-label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id)}
      {props.hint && <span className="pn-hint">{props.hint}</span>}
    </div>
  );
}

/** A section with a small uppercase heading. */
export function Section(props: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="pn-section">
      <header className="pn-section-head">
        <h3 className="pn-heading">{props.title}</h3>
        {props.actions}
      </header>
      {props.children}
    </section>
  );
}

/** A button that asks once more before doing something that loses work. */
export function ConfirmButton(props: {
  label: string;
  confirmLabel: string;
  /** When false, the first click acts at once. */
  ask: boolean;
  onConfirm(): void;
  testId?: string;
  title?: string;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <button
      type="button"
      className={`pn-button pn-danger${asking ? ' pn-asking' : ''}`}
      data-testid={props.testId}
      title={props.title}
      onClick={() => {
        if (props.ask && !asking) setAsking(true);
        else {
          setAsking(false);
          props.onConfirm();
        }
      }}
      onBlur={() => setAsking(false)}
    >
      {asking ? props.confirmLabel : props.label}
    </button>
  );
}
