// The example processes and their cracks: per process folder, the as-is and the to-be side by side.

import { Component, type ReactNode } from 'react';
import type { Crack, WaivedCrack } from '../core/analysis/types';
import type { FileReport, ScenarioSummary } from '../core/check';
import type { CheckedFile, ExampleFolder } from './examples';

export function ExampleList({ folders }: { folders: ExampleFolder[] }) {
  const files = folders
    .flatMap((f) => [f.asIs, f.toBe, ...f.others])
    .filter((f) => f !== undefined);
  const notOk = files.filter((f) => !f.report.ok).length;
  return (
    <div className="page">
      <header className="page-header">
        <p className="brand">Plumb</p>
        <h1>Example processes</h1>
        <p className="lede">
          Each process as it runs today (as-is) and as it should run (to-be), checked for the cracks
          a case can fall through.
        </p>
        {folders.length > 0 && (
          <p className="totals">
            {plural(folders.length, 'process', 'processes')} · {plural(files.length, 'file')}:{' '}
            <span className="text-ok">{files.length - notOk} ok</span>
            {notOk > 0 && (
              <>
                , <span className="text-error">{notOk} not ok</span>
              </>
            )}
          </p>
        )}
      </header>
      {folders.length === 0 ? (
        <section className="empty" aria-label="No examples">
          <h2>No example processes yet</h2>
          <p>
            Add a folder under <code>examples/</code> with an <code>as-is.process.json</code> and a{' '}
            <code>to-be.process.json</code>, then reload this page.
          </p>
        </section>
      ) : (
        <>
          <nav className="contents" aria-label="Processes">
            {folders.map((f) => (
              <a key={f.folder} href={`#${anchor(f.folder)}`}>
                {f.title}
                <span className="contents-badges">
                  {f.asIs && <Dot ok={f.asIs.report.ok} label="as-is" />}
                  {f.toBe && <Dot ok={f.toBe.report.ok} label="to-be" />}
                </span>
              </a>
            ))}
          </nav>
          {folders.map((f) => (
            <FolderSection key={f.folder} folder={f} />
          ))}
        </>
      )}
    </div>
  );
}

function FolderSection({ folder }: { folder: ExampleFolder }) {
  const id = anchor(folder.folder);
  return (
    <section className="folder" id={id} aria-labelledby={`${id}-title`} data-folder={folder.folder}>
      <div className="folder-heading">
        <h2 id={`${id}-title`}>{folder.title}</h2>
        <code className="folder-name">examples/{folder.folder}</code>
      </div>
      <div className="stages">
        {folder.asIs ? (
          <SafeCard file={folder.asIs} folderTitle={folder.title} />
        ) : (
          <MissingCard stage="as-is" />
        )}
        {folder.toBe ? (
          <SafeCard file={folder.toBe} folderTitle={folder.title} />
        ) : (
          <MissingCard stage="to-be" />
        )}
        {folder.others.map((f) => (
          <SafeCard key={f.file} file={f} folderTitle={folder.title} />
        ))}
      </div>
    </section>
  );
}

function MissingCard({ stage }: { stage: string }) {
  return (
    <article className="card card-missing" data-stage={stage}>
      <h3 className="stage">{stage}</h3>
      <p className="muted">
        No <code>{stage}.process.json</code> in this folder yet.
      </p>
    </article>
  );
}

/** A card that shows its own failure instead of taking the page down with it. */
class SafeCard extends Component<{ file: CheckedFile; folderTitle: string }, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render(): ReactNode {
    const { file, folderTitle } = this.props;
    if (!this.state.error) return <FileCard file={file} folderTitle={folderTitle} />;
    return (
      <article className="card card-bad" data-stage={file.report.stage ?? file.name}>
        <h3 className="stage">{file.name}</h3>
        <Group kind="error" title="Cannot show this file">
          <li className="item">
            <p className="message">{this.state.error.message}</p>
          </li>
        </Group>
      </article>
    );
  }
}

function FileCard({ file, folderTitle }: { file: CheckedFile; folderTitle: string }) {
  const { report } = file;
  const errors = report.cracks.filter((c) => c.severity === 'error');
  const warnings = report.cracks.filter((c) => c.severity !== 'error');
  const unreadable = (report.problems ?? []).length > 0;
  const stage = report.stage ?? file.name;
  return (
    <article
      className={`card ${report.ok ? 'card-ok' : 'card-bad'}`}
      data-stage={stage}
      aria-label={`${stage}: ${file.title ?? file.file}`}
    >
      <header className="card-header">
        <div>
          <h3 className="stage">{stage}</h3>
          {file.title && file.title !== folderTitle && <p className="card-title">{file.title}</p>}
          <code className="file">{file.file}</code>
        </div>
        <span className={`badge ${report.ok ? 'badge-ok' : 'badge-bad'}`}>
          {report.ok ? 'OK' : 'Not OK'}
        </span>
      </header>
      {file.description && <p className="description">{file.description}</p>}
      <Counts report={report} errors={errors.length} warnings={warnings.length} />

      {unreadable && (
        <Group kind="error" title="Cannot read this file">
          {keyed(report.problems ?? [], (p) => `${p.path}|${p.message}`).map(([k, p]) => (
            <li className="item" key={k}>
              <p className="where">
                {p.path && <code>{p.path}</code>}
                {p.line !== undefined && (
                  <span className="muted">
                    line {p.line}
                    {p.column !== undefined && `:${p.column}`}
                  </span>
                )}
              </p>
              <p className="message">{p.message}</p>
            </li>
          ))}
        </Group>
      )}

      {!unreadable && report.cracks.length === 0 && (
        <p className="all-clear">No cracks: every case has a way through.</p>
      )}
      {errors.length > 0 && (
        <Group kind="error" title={`Errors (${errors.length})`}>
          {keyed(errors, crackKey).map(([k, c]) => (
            <CrackItem key={k} crack={c} />
          ))}
        </Group>
      )}
      {warnings.length > 0 && (
        <Group kind="warning" title={`Warnings (${warnings.length})`}>
          {keyed(warnings, crackKey).map(([k, c]) => (
            <CrackItem key={k} crack={c} />
          ))}
        </Group>
      )}
      {report.scenarios.length > 0 && <Scenarios scenarios={report.scenarios} />}
      {report.waived.length > 0 && (
        <Group kind="waived" title={`Waived warnings (${report.waived.length})`}>
          {keyed(report.waived, crackKey).map(([k, c]) => (
            <CrackItem key={k} crack={c} />
          ))}
        </Group>
      )}
      {report.notes.length > 0 && (
        <ul className="notes">
          {keyed(report.notes, (n) => n).map(([k, n]) => (
            <li key={k}>{n}</li>
          ))}
        </ul>
      )}
    </article>
  );
}

function Counts({
  report,
  errors,
  warnings,
}: {
  report: FileReport;
  errors: number;
  warnings: number;
}) {
  if ((report.problems ?? []).length > 0) return null;
  const passed = report.scenarios.filter((s) => s.passed).length;
  return (
    <p className="counts">
      <span className={errors ? 'text-error' : 'muted'}>{plural(errors, 'error')}</span>
      <span className={warnings ? 'text-warning' : 'muted'}>{plural(warnings, 'warning')}</span>
      {report.waived.length > 0 && <span className="muted">{report.waived.length} waived</span>}
      {report.scenarios.length === 0 ? (
        <span className="muted">no scenarios</span>
      ) : (
        <span className={passed < report.scenarios.length ? 'text-error' : 'muted'}>
          {passed}/{report.scenarios.length} scenarios passed
        </span>
      )}
    </p>
  );
}

function Group({
  kind,
  title,
  children,
}: {
  kind: 'error' | 'warning' | 'waived' | 'scenarios';
  title: string;
  children: ReactNode;
}) {
  return (
    <section className={`group group-${kind}`} aria-label={title}>
      <h4>{title}</h4>
      <ul>{children}</ul>
    </section>
  );
}

function CrackItem({ crack }: { crack: Crack | WaivedCrack }) {
  return (
    <li className="item">
      <p className="where">
        <span className="rule">{crack.rule}</span>
        {crack.state && (
          <span className="label">
            state <code>{crack.state}</code>
          </span>
        )}
        {crack.event && (
          <span className="label">
            event <code>{crack.event}</code>
          </span>
        )}
      </p>
      <p className="message">{crack.message}</p>
      {'reason' in crack ? (
        <p className="reason">
          <strong>Waived:</strong> {crack.reason}
        </p>
      ) : (
        <p className="hint">{crack.hint}</p>
      )}
    </li>
  );
}

function Scenarios({ scenarios }: { scenarios: ScenarioSummary[] }) {
  const failed = scenarios.filter((s) => !s.passed).length;
  const title = failed
    ? `Scenarios (${failed} of ${scenarios.length} failed)`
    : `Scenarios (all ${scenarios.length} passed)`;
  return (
    <Group kind="scenarios" title={title}>
      {keyed(scenarios, (s) => s.id).map(([k, s]) => (
        <li className={`item scenario ${s.passed ? 'passed' : 'failed'}`} key={k}>
          <p className="scenario-title">
            <span className="mark" role="img" aria-label={s.passed ? 'passed' : 'failed'}>
              {s.passed ? '✓' : '✗'}
            </span>
            <span>
              {s.title ?? s.id}{' '}
              {s.state && (
                <span className="scenario-end">
                  → <code>{s.state}</code>
                </span>
              )}
            </span>
          </p>
          {s.message && <p className="message">{s.message}</p>}
        </li>
      ))}
    </Group>
  );
}

function Dot({ ok, label }: { ok: boolean; label: string }) {
  return (
    <span
      className={`dot ${ok ? 'dot-ok' : 'dot-bad'}`}
      title={`${label}: ${ok ? 'ok' : 'not ok'}`}
    >
      {label}
    </span>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function anchor(folder: string): string {
  return `process-${folder.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

function crackKey(c: Crack): string {
  return `${c.rule}|${c.state ?? ''}|${c.event ?? ''}|${c.message}`;
}

/** Items with React keys made from their content, numbered where the content repeats. */
function keyed<T>(items: T[], keyOf: (item: T) => string): Array<[string, T]> {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = keyOf(item);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return [n === 0 ? base : `${base}#${n}`, item];
  });
}
