// Approve: disabled, with the list of what blocks it, until the file is saved and clean; then the
// server runs the full check again on the saved file and writes machines/<id>/.

import { useState } from 'react';
import { blockersOf } from '../../core/approval';
import type { FileReport } from '../../core/check';

interface Props {
  path?: string;
  report?: FileReport;
  dirty: boolean;
  onStatus(text: string, error?: boolean): void;
}

export function ApproveButton({ path, report, dirty, onStatus }: Props) {
  const [open, setOpen] = useState(false);
  const [by, setBy] = useState('');
  const blockers = report ? blockersOf(report) : [];
  const reasons = [
    ...(dirty ? ['Save the file first: approval pins the file as saved'] : []),
    ...(!report ? ['The check has not finished yet'] : []),
    ...blockers.map((b) => `${b.state ? `${b.state}: ` : ''}${b.message}`),
  ];
  const blocked = reasons.length > 0 || !path;

  const approve = async () => {
    if (!path || !by.trim()) return;
    try {
      const response = await fetch(
        `/api/approve/${path.split('/').map(encodeURIComponent).join('/')}`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ by: by.trim() }),
        },
      );
      const answer = await response.json();
      if (response.ok && answer.approved) {
        onStatus(
          `Approved by ${answer.by}: machines/${answer.id}/ written (${String(answer.hash).slice(0, 19)}…)`,
        );
        setOpen(false);
      } else if (answer.blocking)
        onStatus(
          `Not approved: ${answer.blocking.map((b: { message: string }) => b.message).join('; ')}`,
          true,
        );
      else onStatus(`Not approved: ${answer.error ?? response.statusText}`, true);
    } catch (error) {
      onStatus(`Not approved: ${error instanceof Error ? error.message : String(error)}`, true);
    }
  };

  return (
    <div className="menu">
      <button
        type="button"
        data-testid="approve"
        disabled={blocked}
        title={
          blocked
            ? `Approval is blocked:\n${reasons.join('\n')}`
            : 'Approve this machine for automation'
        }
        onClick={() => setOpen(!open)}
      >
        Approve
      </button>
      {blocked && reasons.length > 0 && (
        <span className="approve-blocked" data-testid="approve-blocked" title={reasons.join('\n')}>
          {reasons.length} blocking
        </span>
      )}
      {open && !blocked && (
        <form
          className="menu-list"
          onSubmit={(event) => {
            event.preventDefault();
            void approve();
          }}
        >
          <label>
            Approved by
            <input
              ref={(el) => el?.focus()}
              value={by}
              onChange={(e) => setBy(e.target.value)}
              placeholder="Your name"
            />
          </label>
          <button type="submit" disabled={!by.trim()}>
            Approve and write machines/
          </button>
        </form>
      )}
    </div>
  );
}
