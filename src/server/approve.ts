// POST /api/approve/<path> { by }: the editor's Approve button. The same full check and approval
// as `plumb approve`, on the file as saved on disk, written to the machines folder.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { approveProcess } from '../core/approval';
import { checkProcess } from '../core/check';
import { HttpError } from './http';
import type { Workspace } from './workspace';

const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface ApproveAnswer {
  approved: boolean;
  id: string;
  blocking?: { rule: string; state?: string; message: string }[];
  dir?: string;
  hash?: string;
  by?: string;
  at?: string;
  files?: string[];
}

export function approveInWorkspace(
  workspace: Workspace,
  rel: string,
  by: string,
  machinesDir: string,
): { status: number; answer: ApproveAnswer } {
  const content = workspace.read(rel);
  if (!content.process)
    throw new HttpError(400, `${rel}: not a process file, so it cannot be approved`);
  const process = content.process;
  if (!FOLDER_NAME.test(process.id))
    throw new HttpError(400, `${rel}: id "${process.id}" cannot name a folder of machines`);
  const machines = resolve(machinesDir);
  const sourceFromRoot = relative(resolve(machines, '..'), join(workspace.root, rel))
    .split(sep)
    .join('/');
  const report = checkProcess(process, sourceFromRoot);
  const result = approveProcess({
    process,
    bytes: Buffer.from(content.text, 'utf8'),
    report,
    by,
    at: new Date().toISOString(),
    source: sourceFromRoot,
  });
  if (!result.approved)
    return { status: 422, answer: { approved: false, id: process.id, blocking: result.blocking } };
  const dir = join(machines, process.id);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const { name, content: text } of result.files) {
    writeFileSync(join(dir, name), text);
    files.push(`${process.id}/${name}`);
  }
  return {
    status: 200,
    answer: {
      approved: true,
      id: process.id,
      dir,
      hash: result.record.hash,
      by: result.record.by,
      at: result.record.at,
      files,
    },
  };
}
