// A process whose names and texts try to break out of every export format: quotes, closing tags,
// template placeholders, comment ends, `__proto__`, spaces, Mermaid directives, dotted events.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${x}" is a name that must stay text

import type { ProcessFile } from '../../src/core/model/types';

const TEXT =
  'Ends */ a comment, </script><script>alert(1)</script> ${x} `tick` %%{init: {}}%% #quot; "q" ' +
  "'a' & <b> ]]> -- \\ \u2028 \ufffe end";

const FILE = {
  plumb: 1,
  id: 'tricky',
  title: `Tricky ${TEXT}`,
  description: `${TEXT}\u2028second line\nthird */ line`,
  roles: { 'r"1': { title: `Role ${TEXT}` } },
  events: {
    'GO"</state>': { description: TEXT },
    '${x}': { description: '${x} `tick`' },
    A: { description: 'plain' },
    'A.B': { description: 'longer' },
    'with space': { description: 'spaced' },
  },
  conditions: { 'is "ok"?': { question: `Is it ${TEXT}?` }, ok: { question: '*/' } },
  actions: { 'say</script>': { description: `says ${TEXT}` } },
  delays: { 'wait "a bit"': 'PT1M' },
  machine: {
    id: 'tricky"machine',
    initial: 'a"b</state>',
    states: {
      'a"b</state>': {
        description: TEXT,
        meta: { role: 'r"1', notes: TEXT },
        tags: ['t"</state>'],
        on: {
          'GO"</state>': [
            { target: '${x}', guard: 'is "ok"?', actions: ['say</script>'] },
            { target: 'with space', guard: { type: 'ok', params: { said: TEXT } } },
          ],
          A: { target: 'a"b</state>', actions: [{ type: 'say</script>', params: { why: TEXT } }] },
          'A.B': '__proto__',
        },
        after: { 'wait "a bit"': 'with space' },
      },
      '${x}': {
        initial: 'inner */',
        states: {
          'inner */': { on: { '${x}': 'next</script>' } },
          'next</script>': { type: 'final' },
        },
        onDone: 'with space',
      },
      'with space': {
        entry: ['say</script>'],
        on: { 'with space': '__proto__', 'A.B': '${x}' },
      },
      __proto_x_: { type: 'final', description: TEXT },
    },
  },
  scenarios: [
    {
      id: 'through "everything"',
      title: TEXT,
      steps: [{ event: 'GO"</state>' }, { event: 'A' }, { event: '${x}' }, { event: 'with space' }],
      assume: { 'is "ok"?': true },
      expect: { state: '__proto__', done: true },
    },
    {
      id: 'the timer',
      steps: [{ event: 'A' }, { wait: 61_000 }, { event: 'A.B' }],
      expect: { state: '${x}' },
    },
  ],
};

/** The tricky process, read the way a file is (so that `__proto__` is a key, not a prototype). */
export function trickyProcess(): ProcessFile {
  return JSON.parse(JSON.stringify(FILE).replace('"__proto_x_":', '"__proto__":')) as ProcessFile;
}
