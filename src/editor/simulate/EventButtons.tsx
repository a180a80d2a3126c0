// The events the case can take, as buttons; the exceptions in red, those that can happen here
// first and every other exception of the catalogue under "more exceptions", since any exception
// can be injected anywhere. An event whose transitions depend on an unanswered question asks it
// first, inline, and is sent with the answers.

import { useState } from 'react';
import type { ProcessFile } from '../../core/model/types';
import type { AvailableEvent } from '../../core/simulation/session';

interface Pending {
  type: string;
  questions: { guard: string; question: string }[];
  answers: Record<string, boolean>;
}

export interface EventButtonsProps {
  process: ProcessFile;
  events: AvailableEvent[];
  exceptions: AvailableEvent[];
  onSend(type: string, answers: Record<string, boolean>): void;
}

export function EventButtons({ process, events, exceptions, onSend }: EventButtonsProps) {
  const [pending, setPending] = useState<Pending | undefined>();
  const inScope = new Set(exceptions.map((e) => e.type));
  const others = Object.entries(process.events ?? {})
    .filter(([type, def]) => def.exception && !inScope.has(type))
    .map(([type, def]) => ({ type, description: def.description }));

  const take = (event: AvailableEvent) => {
    const questions = event.questions
      .filter((q) => q.answer === undefined)
      .map(({ guard, question }) => ({ guard, question }));
    if (questions.length === 0) onSend(event.type, {});
    else setPending({ type: event.type, questions, answers: {} });
  };

  const answer = (value: boolean) => {
    if (!pending) return;
    const [asked, ...rest] = pending.questions;
    const answers = { ...pending.answers, [asked.guard]: value };
    if (rest.length) setPending({ ...pending, questions: rest, answers });
    else {
      setPending(undefined);
      onSend(pending.type, answers);
    }
  };

  if (pending) {
    const asked = pending.questions[0];
    return (
      <section className="sim-section sim-question" aria-label="Question">
        <p className="sim-muted">
          Before <strong>{pending.type}</strong>:
        </p>
        <p className="sim-question-text" data-testid="sim-question">
          {asked.question}
        </p>
        <div className="sim-row">
          <button
            type="button"
            className="sim-button"
            data-testid="sim-question-yes"
            onClick={() => answer(true)}
          >
            Yes
          </button>
          <button
            type="button"
            className="sim-button"
            data-testid="sim-question-no"
            onClick={() => answer(false)}
          >
            No
          </button>
          <button
            type="button"
            className="sim-link"
            data-testid="sim-question-cancel"
            onClick={() => setPending(undefined)}
          >
            Cancel
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="sim-section" aria-label="Events">
      <h3 className="sim-heading">Events</h3>
      {events.length === 0 ? (
        <p className="sim-muted">No event is handled here.</p>
      ) : (
        <div className="sim-buttons">
          {events.map((event) => (
            <EventButton key={event.type} event={event} onClick={() => take(event)} />
          ))}
        </div>
      )}
      {exceptions.length > 0 && (
        <>
          <h3 className="sim-heading">Exceptions here</h3>
          <div className="sim-buttons">
            {exceptions.map((event) => (
              <EventButton key={event.type} event={event} onClick={() => take(event)} />
            ))}
          </div>
        </>
      )}
      {others.length > 0 && (
        <details className="sim-more">
          <summary>More exceptions ({others.length})</summary>
          <div className="sim-buttons">
            {others.map((event) => (
              <EventButton
                key={event.type}
                event={{ ...event, exception: true, questions: [] }}
                onClick={() => onSend(event.type, {})}
              />
            ))}
          </div>
        </details>
      )}
    </section>
  );
}

function EventButton({ event, onClick }: { event: AvailableEvent; onClick(): void }) {
  const asks = event.questions.some((q) => q.answer === undefined);
  const title = [event.description, asks ? 'Asks a question first' : undefined]
    .filter(Boolean)
    .join(' · ');
  return (
    <button
      type="button"
      className={event.exception ? 'sim-event sim-event-exception exception' : 'sim-event'}
      data-testid={`${event.exception ? 'sim-exception' : 'sim-event'}-${event.type}`}
      title={title || undefined}
      onClick={onClick}
    >
      {event.type}
      {asks && <span className="sim-event-asks">?</span>}
    </button>
  );
}
