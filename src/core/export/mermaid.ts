// Mermaid `stateDiagram-v2`, for documents and wikis: compound states as composites, parallel
// states with their regions separated by `--`, `[*]` for initial and final states, transitions
// labelled `EVENT [guard] / actions`, `after 30 s`, `always`, `done`; a note with its role beside
// every state that has one.
//
// Mermaid ids come from state paths, reduced to letters, digits and `_` and made unique; the name
// people see is the state's key in a quoted label. Labels are escaped with Mermaid's entity codes
// (`#quot;`, `#35;`...), so that no key or name can close a label, start a comment or directive
// (`%%`), open a block or inject markup.
//
// Mermaid places a state in the last composite that mentions it, so every state is declared
// inside its composite and every transition is written at the top level, after the hierarchy.

import type { StateNode, StateTree, Transition } from '../model/tree';
import type { ProcessFile } from '../model/types';
import { delayMs } from '../simulation/machine';
import { analyseForExport, formatMs, historyDefaults } from './text';

const PLAIN = /[A-Za-z0-9 _.,!?'()/+\-*=@$^|~[\]\u00a0-\uffff]/u;

/** Text for a Mermaid label: safe characters kept, the rest as numeric entity codes. */
export function mermaidText(text: string): string {
  let out = '';
  for (const char of text.replace(/\s+/g, ' ').trim()) {
    const code = char.codePointAt(0) ?? 0;
    // Surrogates, noncharacters and private-use characters are coded too.
    const plain = PLAIN.test(char) && !(code >= 0xd800 && code <= 0xf8ff) && code < 0xfff0;
    out += plain ? char : `#${code};`;
  }
  return out || '#32;';
}

function mermaidIds(tree: StateTree): Map<StateNode, string> {
  const ids = new Map<StateNode, string>();
  const used = new Set<string>();
  for (const node of tree.nodes) {
    const base = `s_${node.path.replace(/[^A-Za-z0-9]/g, '_')}`.replace(/_+$/, '') || 's';
    let id = node.path ? base : 'm_root';
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(node, id);
  }
  return ids;
}

function transitionLabel(process: ProcessFile, t: Transition): string {
  let trigger: string;
  if (t.kind === 'on') trigger = t.event ?? '';
  else if (t.kind === 'after') {
    const key = t.event ?? '';
    const named = Number.isNaN(+key);
    trigger = named
      ? `after ${key} (${formatMs(delayMs(process.delays?.[key]))})`
      : `after ${formatMs(+key)}`;
  } else if (t.kind === 'always') trigger = 'always';
  else if (t.kind === 'onDone') trigger = 'done';
  else if (t.kind === 'invoke.onDone') trigger = `done: ${t.event ?? ''}`;
  else trigger = `error: ${t.event ?? ''}`;
  const guard = t.guard !== undefined ? ` [${t.guard}]` : '';
  const actions = t.actions.length ? ` / ${t.actions.join(', ')}` : '';
  return mermaidText(`${trigger}${guard}${actions}`);
}

function roleText(process: ProcessFile, node: StateNode): string | undefined {
  const role = node.config.meta?.role;
  if (typeof role !== 'string') return undefined;
  return process.roles?.[role]?.title || role;
}

/** The Mermaid state diagram of a process's machine. */
export function exportMermaid(process: ProcessFile): string {
  const { tree } = analyseForExport(process);
  const ids = mermaidIds(tree);
  const out: string[] = ['stateDiagram-v2'];
  const root = tree.root;
  // A machine with transitions of its own is drawn as one composite, so they have a source.
  const wrap = root.transitions.some((t) => t.kind !== 'onDone');

  const declare = (node: StateNode, indent: string) => {
    const id = ids.get(node) ?? '';
    const label =
      node.kind === 'history' ? (node.config.history === 'deep' ? 'H*' : 'H') : node.key;
    out.push(`${indent}state "${mermaidText(label)}" as ${id}`);
    const role = roleText(process, node);
    if (role) out.push(`${indent}note right of ${id} : ${mermaidText(role)}`);
    if (node.children.length > 0) {
      out.push(`${indent}state ${id} {`);
      body(node, `${indent}  `);
      out.push(`${indent}}`);
    }
  };

  const body = (node: StateNode, indent: string) => {
    if (node.kind === 'parallel') {
      node.children.forEach((child, i) => {
        if (i > 0) out.push(`${indent}--`);
        if (child.kind !== 'history') out.push(`${indent}[*] --> ${ids.get(child)}`);
        declare(child, indent);
      });
      return;
    }
    if (node.initial) out.push(`${indent}[*] --> ${ids.get(node.initial)}`);
    for (const child of node.children) {
      declare(child, indent);
      if (child.kind === 'final') out.push(`${indent}${ids.get(child)} --> [*]`);
    }
  };

  if (wrap) declare(root, '  ');
  else body(root, '  ');
  if (wrap) out.push(`  [*] --> ${ids.get(root)}`);

  for (const node of tree.nodes) {
    const id = ids.get(node);
    if (node.kind === 'history') {
      for (const target of historyDefaults(node, tree)) out.push(`  ${id} --> ${ids.get(target)}`);
      continue;
    }
    if (node === root && !wrap) continue;
    for (const t of node.transitions) {
      if (node === root && t.kind === 'onDone') continue;
      const label = transitionLabel(process, t);
      const targets = t.targets.length ? t.targets : [node];
      for (const target of targets) out.push(`  ${id} --> ${ids.get(target)} : ${label}`);
    }
  }
  return `${out.join('\n')}\n`;
}
