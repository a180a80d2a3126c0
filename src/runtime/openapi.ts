// The runtime's API as an OpenAPI 3.1 document, served at /api/openapi.json.

const json = (schema: Record<string, unknown>, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

const error = (description: string) => json({ $ref: '#/components/schemas/Error' }, description);

const idParam = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The process id (the folder name under machines/)',
  schema: { type: 'string' },
};
const caseParam = {
  name: 'caseId',
  in: 'path',
  required: true,
  schema: { type: 'string' },
};

export function openApiDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Plumb runtime',
      version: '1',
      description:
        'Runs approved Plumb machines as durable cases (DESIGN.md section 8). Every answer is JSON; errors are { "error": "..." } naming what is wrong. With --host other than loopback, every request needs "Authorization: Bearer <PLUMB_TOKEN>". Inspection: a WebSocket at /api/inspect (?process=<id>) sends @statelyai/inspect events (@xstate.actor, @xstate.event, @xstate.snapshot) for every case.',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/api/processes': {
        get: {
          summary: 'The hosted processes, and the machines refused (with the file that drifted)',
          responses: {
            200: json({
              type: 'object',
              properties: {
                processes: { type: 'array', items: { $ref: '#/components/schemas/Process' } },
                refused: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: { type: 'string' },
                      reasons: { type: 'array', items: { type: 'string' } },
                    },
                  },
                },
              },
            }),
          },
        },
      },
      '/api/processes/{id}': {
        get: {
          summary: 'One hosted process, with its state paths and event catalogue',
          parameters: [idParam],
          responses: {
            200: json({ $ref: '#/components/schemas/Process' }),
            404: error('Unknown process'),
          },
        },
      },
      '/api/processes/{id}/process': {
        get: {
          summary: 'The approved process file (what the editor draws in Live mode)',
          parameters: [idParam],
          responses: { 200: json({ type: 'object' }), 404: error('Unknown process') },
        },
      },
      '/api/processes/{id}/cases': {
        post: {
          summary: 'Start a case',
          parameters: [idParam],
          requestBody: {
            required: false,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    data: {
                      type: 'object',
                      description:
                        "The case data. A condition without a handler answers from the event's field of its name, then from data's, else no.",
                    },
                  },
                },
              },
            },
          },
          responses: {
            201: json({ $ref: '#/components/schemas/CaseState' }, 'Created, after the commit'),
            400: error('The body is not JSON, or a field is wrong (named)'),
            404: error('Unknown process'),
            413: error('Body over 1 MB'),
          },
        },
        get: {
          summary: 'The cases inside a state (a leaf, or a state around leaves), oldest first',
          parameters: [
            idParam,
            { name: 'state', in: 'query', schema: { type: 'string' }, description: 'A state path' },
            { name: 'status', in: 'query', schema: { enum: ['active', 'done', 'error'] } },
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 10000, default: 1000 },
            },
          ],
          responses: {
            200: json({
              type: 'object',
              properties: {
                cases: { type: 'array', items: { $ref: '#/components/schemas/CaseState' } },
              },
            }),
            400: error('Unknown state path, or a bad status or limit'),
            404: error('Unknown process'),
          },
        },
      },
      '/api/processes/{id}/measures': {
        get: {
          summary:
            'DESIGN.md section 3 measures from the real event log: cycle time p50/p90/p99 (minutes), cost by role, handoffs, non-value-added share, finals, stuck',
          parameters: [idParam],
          responses: {
            200: json({ $ref: '#/components/schemas/Measures' }),
            404: error('Unknown process'),
          },
        },
      },
      '/api/processes/{id}/live': {
        get: {
          summary:
            'The live view the editor polls: active cases per state path (leaves and the states around them) with the oldest wait, and the latest drops',
          parameters: [idParam],
          responses: {
            200: json({
              type: 'object',
              properties: {
                processId: { type: 'string' },
                at: { type: 'string', format: 'date-time' },
                active: { type: 'integer' },
                done: { type: 'integer' },
                error: { type: 'integer' },
                states: {
                  type: 'object',
                  additionalProperties: {
                    type: 'object',
                    properties: {
                      count: { type: 'integer' },
                      oldestSince: { type: 'string', format: 'date-time' },
                      oldestCaseId: { type: 'string' },
                    },
                  },
                },
                drops: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      caseId: { type: 'string' },
                      at: { type: 'string', format: 'date-time' },
                      event: { type: 'string' },
                      state: { type: 'array', items: { type: 'string' } },
                    },
                  },
                },
              },
            }),
            404: error('Unknown process'),
          },
        },
      },
      '/api/cases/{caseId}': {
        get: {
          summary: 'A case with its history',
          parameters: [caseParam],
          responses: {
            200: json({ $ref: '#/components/schemas/Case' }),
            404: error('Unknown case'),
          },
        },
      },
      '/api/cases/{caseId}/events': {
        post: {
          summary:
            'Send an event; answered once the new snapshot and the event are committed together',
          parameters: [
            caseParam,
            {
              name: 'Idempotency-Key',
              in: 'header',
              schema: { type: 'string', maxLength: 200 },
              description:
                'The same key twice for one case applies the event once and answers the same',
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['type'],
                  properties: { type: { type: 'string' } },
                  additionalProperties: true,
                },
              },
            },
          },
          responses: {
            200: json({ $ref: '#/components/schemas/CaseState' }, 'Handled'),
            400: error('Not JSON, no "type", or an xstate.* type'),
            404: error('Unknown case'),
            409: json(
              { $ref: '#/components/schemas/CaseState' },
              'Nobody handles the event in that state: handled is false, the drop is recorded',
            ),
            413: error('Body over 1 MB'),
          },
        },
      },
    },
    components: {
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
        Process: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            title: { type: 'string' },
            hash: { type: 'string' },
            approvedBy: { type: 'string' },
            approvedAt: { type: 'string' },
          },
        },
        CaseState: {
          type: 'object',
          properties: {
            caseId: { type: 'string' },
            processId: { type: 'string' },
            value: {},
            paths: { type: 'array', items: { type: 'string' } },
            status: { enum: ['active', 'done', 'error'] },
            handled: { type: 'boolean' },
            error: { type: 'string' },
          },
        },
        Case: {
          type: 'object',
          properties: {
            caseId: { type: 'string' },
            processId: { type: 'string' },
            value: {},
            paths: { type: 'array', items: { type: 'string' } },
            status: { enum: ['active', 'done', 'error'] },
            history: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  at: { type: 'string', format: 'date-time' },
                  event: { type: 'string' },
                  from: { type: 'array', items: { type: 'string' } },
                  to: { type: 'array', items: { type: 'string' } },
                  handled: { type: 'boolean' },
                  source: { enum: ['create', 'api', 'timer', 'service'] },
                },
              },
            },
            timers: { type: 'array', items: { type: 'object' } },
            jobs: { type: 'array', items: { type: 'object' } },
          },
        },
        Measures: {
          type: 'object',
          description:
            'The shape of plumb simulate --json, measured: minutes, money per case, shares 0..1',
          properties: {
            runs: { type: 'integer', description: 'Cases measured' },
            finished: { type: 'integer' },
            cycleTime: { type: 'object' },
            cost: { type: 'object' },
            handoffs: { type: 'object' },
            nonValueAddedShare: { type: 'number' },
            finals: { type: 'object' },
            stuck: { type: 'object' },
            active: { type: 'object' },
          },
        },
      },
    },
  };
}
