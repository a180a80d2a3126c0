// invalid-machine: the config is broken (unknown target, missing or wrong initial, a guard, action,
// service, delay or role that is not declared, an exception scoped to a state that does not exist).

import { joinPath } from '../../model/jsonPath';
import { invokesOf, refName } from '../../model/tree';
import type { NamedRef } from '../../model/types';
import { crack, type RuleContext } from '../context';
import { historyDefault } from '../graph';
import type { Crack } from '../types';

const BUILT_IN_ACTIONS = /^xstate\./;

/** An `after` key XState reads as milliseconds (`30000`, `1e3`). */
const isMilliseconds = (key: string) =>
  key.trim() !== '' && Number.isFinite(Number(key)) && Number(key) >= 0;

export function invalidMachine(ctx: RuleContext): Crack[] {
  const { process, tree } = ctx;
  const out: Crack[] = [];
  const conditions = process.conditions ?? {};
  const actions = process.actions ?? {};
  const services = process.services ?? {};
  const delays = process.delays ?? {};
  const roles = process.roles ?? {};
  const state = (path: string) => path || undefined;

  for (const problem of tree.problems) {
    out.push(
      crack('invalid-machine', {
        state: state(problem.state),
        path: problem.path,
        message: `${problem.path}: ${problem.message}`,
        hint: 'Name one of the child states in "initial", or fix the id, so the machine knows where a case goes.',
      }),
    );
  }
  const actionRefs = (value: NamedRef | NamedRef[] | undefined, path: string, where: string) => {
    if (value === undefined) return;
    const list = Array.isArray(value) ? value : [value];
    list.forEach((ref, i) => {
      const name = refName(ref);
      if (name === undefined || BUILT_IN_ACTIONS.test(name) || Object.hasOwn(actions, name)) return;
      const refPath = Array.isArray(value) ? joinPath(path, i) : path;
      out.push(
        crack('invalid-machine', {
          state: state(where),
          path: refPath,
          message: `${refPath}: the action "${name}" is not declared in "actions"`,
          hint: `Declare "${name}" under "actions" with a description of what it does, or fix the spelling.`,
        }),
      );
    });
  };

  for (const [name, def] of Object.entries(process.events ?? {})) {
    const when = def.when;
    if (!when) continue;
    const whenPath = joinPath(joinPath(joinPath('events', name), 'when'), 'states');
    (when.states ?? []).forEach((path, i) => {
      if (tree.byPath.has(path) && path !== '') return;
      out.push(
        crack('invalid-machine', {
          event: name,
          path: joinPath(whenPath, i),
          message: `${joinPath(whenPath, i)}: ${name} is scoped to "${path}", which is not a state path of the machine`,
          hint: `Name the state where ${name} can happen by its path from the top (for example "reception.ringing"), or remove it from "when".`,
        }),
      );
    });
    const rolesPath = joinPath(joinPath(joinPath('events', name), 'when'), 'roles');
    (when.roles ?? []).forEach((role, i) => {
      if (Object.hasOwn(roles, role)) return;
      out.push(
        crack('invalid-machine', {
          event: name,
          path: joinPath(rolesPath, i),
          message: `${joinPath(rolesPath, i)}: the role "${role}" is not declared in "roles"`,
          hint: `Add "${role}" to "roles", or pick a declared role for where ${name} can happen.`,
        }),
      );
    });
  }

  for (const node of tree.nodes) {
    const meta = node.config.meta;
    const historyTarget = node.config.target;
    if (
      node.kind === 'history' &&
      typeof historyTarget === 'string' &&
      historyDefault(node, tree) === undefined
    ) {
      const path = joinPath(node.jsonPath, 'target');
      out.push(
        crack('invalid-machine', {
          state: state(node.path),
          path,
          message: `${path}: target "${historyTarget}" does not exist: a history state's default is a state inside ${node.parent?.path ? `"${node.parent.path}"` : 'the machine'}`,
          hint: 'Name the state to enter when there is no history yet by its path below the history\'s parent, or leave "target" out to use the parent\'s "initial".',
        }),
      );
    }
    if (meta && typeof meta.role === 'string' && !Object.hasOwn(roles, meta.role)) {
      out.push(
        crack('invalid-machine', {
          state: state(node.path),
          path: joinPath(joinPath(node.jsonPath, 'meta'), 'role'),
          message: `${joinPath(joinPath(node.jsonPath, 'meta'), 'role')}: the role "${meta.role}" is not declared in "roles"`,
          hint: `Add "${meta.role}" to "roles" (with its title and cost per hour), or pick a declared role.`,
        }),
      );
    }
    actionRefs(node.config.entry, joinPath(node.jsonPath, 'entry'), node.path);
    actionRefs(node.config.exit, joinPath(node.jsonPath, 'exit'), node.path);
    invokesOf(node.config).forEach((invoke, i) => {
      if (!invoke || typeof invoke.src !== 'string' || Object.hasOwn(services, invoke.src)) return;
      const path = Array.isArray(node.config.invoke)
        ? joinPath(joinPath(node.jsonPath, 'invoke'), i)
        : joinPath(node.jsonPath, 'invoke');
      out.push(
        crack('invalid-machine', {
          state: state(node.path),
          path: joinPath(path, 'src'),
          message: `${joinPath(path, 'src')}: the service "${invoke.src}" is not declared in "services"`,
          hint: `Declare "${invoke.src}" under "services" with what it automates and how often it fails.`,
        }),
      );
    });
    for (const transition of node.transitions) {
      for (const { target, reason } of transition.unresolved) {
        out.push(
          crack('invalid-machine', {
            state: state(node.path),
            event: transition.kind === 'on' ? transition.event : undefined,
            path: transition.jsonPath,
            message: `${transition.jsonPath}: ${reason.startsWith('target') ? reason : `target "${target}" does not exist: ${reason}`}`,
            hint: 'Point the transition at an existing state: a sibling by its key, a child as ".child", or any state by "#id".',
          }),
        );
      }
      const guard = transition.guard;
      if (guard !== undefined && !Object.hasOwn(conditions, guard)) {
        out.push(
          crack('invalid-machine', {
            state: state(node.path),
            event: transition.kind === 'on' ? transition.event : undefined,
            path: joinPath(transition.jsonPath, 'guard'),
            message: `${joinPath(transition.jsonPath, 'guard')}: the guard "${guard}" is not declared in "conditions"`,
            hint: `Declare "${guard}" under "conditions" with the question it answers and how often the answer is yes.`,
          }),
        );
      }
      actionRefs(transition.config.actions, joinPath(transition.jsonPath, 'actions'), node.path);
      if (transition.kind === 'after' && transition.order === 0 && transition.event !== undefined) {
        const delay = transition.event;
        if (!isMilliseconds(delay) && !Object.hasOwn(delays, delay)) {
          out.push(
            crack('invalid-machine', {
              state: state(node.path),
              path: joinPath(joinPath(node.jsonPath, 'after'), delay),
              message: `${joinPath(joinPath(node.jsonPath, 'after'), delay)}: the delay "${delay}" is neither milliseconds nor declared in "delays"`,
              hint: `Write the delay in milliseconds, or declare "${delay}" under "delays" (for example { "ms": 86400000 } or "P1D").`,
            }),
          );
        }
      }
    }
  }
  return out;
}
