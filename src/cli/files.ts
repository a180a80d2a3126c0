// Finding and reading process files named on the command line.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseProcess } from '../core/model/parse';
import type { ProcessFile } from '../core/model/types';

export class InputError extends Error {}

const PROCESS_FILE = /\.process\.json$/;

/** Expands files and folders into process files; a folder is searched for `*.process.json`. */
export function collectProcessFiles(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(input);
    } catch {
      throw new InputError(`${input}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      const found = walk(input);
      if (found.length === 0)
        throw new InputError(`${input}: no *.process.json files in this folder`);
      files.push(...found);
    } else files.push(input);
  }
  return [...new Set(files)];
}

function walk(folder: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (PROCESS_FILE.test(entry.name)) out.push(path);
  }
  return out;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

/** Reads and parses one process file, or throws an InputError naming the file and the JSON path. */
export function loadProcess(file: string): ProcessFile {
  let text: string;
  try {
    if (statSync(file).isDirectory())
      throw new InputError(`${file} is a folder: this command takes one process file`);
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: no such file, or it cannot be read`);
  }
  return processFromText(text, file);
}

/** Parses the text of a process file, or throws an InputError naming the file and the JSON path. */
export function processFromText(text: string, file: string): ProcessFile {
  const parsed = parseProcess(text);
  if (!parsed.process) {
    throw new InputError(
      parsed.problems
        .map(
          (p) =>
            `${file}${p.line ? `:${p.line}:${p.column}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`,
        )
        .join('\n'),
    );
  }
  return parsed.process;
}
