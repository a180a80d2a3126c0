// Named delays of the process panel: an `after` transition may name one instead of writing its
// milliseconds ("slaWindow": "PT2H").

import type { DelayDef, ProcessFile } from '../../core/model/types';
import type { Edit } from '../state/types';
import { ConfirmButton, Section, TextField } from './fields';
import { delayMs, msInWords } from './format';
import { deleteDelay, renameDelay, setDelay, uniqueKey } from './processEdits';
import { tryEdit } from './tryEdit';

function delayText(def: DelayDef): string {
  if (typeof def === 'number' || typeof def === 'string') return String(def);
  if (typeof def.ms === 'number') return String(def.ms);
  return def.duration ?? '';
}

/** A typed delay: digits are milliseconds, anything else an ISO 8601 duration. */
export function readDelay(text: string): DelayDef {
  const trimmed = text.trim();
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed.toUpperCase();
}

export function DelaysSection({ process, edit }: { process: ProcessFile; edit: Edit }) {
  const delays = Object.entries(process.delays ?? {});
  const add = () => edit(setDelay(uniqueKey(process.delays, 'delay'), 60_000), 'Add delay');
  return (
    <Section
      title="Delays"
      actions={
        <button type="button" className="pn-button pn-small" data-testid="delay-add" onClick={add}>
          + Delay
        </button>
      }
    >
      {delays.length === 0 && (
        <p className="pn-empty">No named delays. An after transition can also give plain ms.</p>
      )}
      <ul className="pn-cards">
        {delays.map(([name, def]) => {
          const ms = delayMs(process, name);
          return (
            <li className="pn-card pn-card-grid" key={name} data-testid={`delay-${name}`}>
              <div className="pn-grid-name">
                <TextField
                  value={name}
                  ariaLabel={`Name of delay ${name}`}
                  onCommit={(text) =>
                    tryEdit(process, edit, renameDelay(name, text), 'Rename delay')
                  }
                />
              </div>
              <div className="pn-grid-prob">
                <TextField
                  value={delayText(def)}
                  ariaLabel={`Length of delay ${name}`}
                  placeholder="ms or PT2H"
                  onCommit={(text) =>
                    tryEdit(process, edit, setDelay(name, readDelay(text)), 'Change delay')
                  }
                />
              </div>
              <div className="pn-grid-delete">
                <ConfirmButton
                  label="×"
                  confirmLabel="Delete?"
                  ask={false}
                  title={`Delete delay ${name}`}
                  onConfirm={() => tryEdit(process, edit, deleteDelay(name), 'Delete delay')}
                />
              </div>
              <div className="pn-grid-question pn-muted">
                {ms === undefined ? 'length not understood' : msInWords(ms)}
              </div>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
