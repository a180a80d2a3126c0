// Live inspection: every case is an actor in @statelyai/inspect's terms (its session id is the case
// id), and every change the runtime commits goes out as `@xstate.actor` (a new case),
// `@xstate.event` and `@xstate.snapshot` events, made by @statelyai/inspect's own inspector, to the
// WebSocket clients of `/api/inspect` (`?process=<id>` narrows it to one process). A client that
// connects first gets an `@xstate.actor` event for every active case, so it can draw the present.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Change } from './caseBatch';
import type { HostedMachine } from './hosted';

/** Active cases sent to a client that connects. */
const REPLAY_LIMIT = 1000;

interface Client {
  socket: WebSocket;
  process?: string;
}

export type ActiveCases = (
  processId: string | undefined,
  limit: number,
) => Promise<{ caseId: string; processId: string; value: unknown; status: string }[]>;

export class Inspection {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly clients = new Set<Client>();
  /** The process of the event being sent (the inspector's adapter has no other way to know). */
  private sending: string | undefined;
  private only: Client | undefined;
  private readonly inspector = createInspector(
    { send: (event: StatelyInspectionEvent) => this.broadcast(event) },
    { autoStart: true },
  );

  constructor(
    private readonly machines: ReadonlyMap<string, HostedMachine>,
    private readonly activeCases: ActiveCases,
    private readonly onError: (error: unknown) => void,
  ) {}

  get connected(): number {
    return this.clients.size;
  }

  /** Takes over an upgrade request for /api/inspect. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, process: string | undefined): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const client: Client = { socket: ws, process };
      this.clients.add(client);
      ws.on('close', () => this.clients.delete(client));
      ws.on('error', () => this.clients.delete(client));
      // Clients only listen: what they send is ignored.
      ws.on('message', () => {});
      this.activeCases(process, REPLAY_LIMIT)
        .then((cases) => {
          for (const c of cases) {
            const machine = this.machines.get(c.processId);
            if (!machine) continue;
            this.sending = c.processId;
            this.only = client;
            this.inspector.actor(actorRef(c.caseId, machine), {
              status: c.status as 'active',
              value: c.value,
              context: {},
            });
          }
        })
        .catch(this.onError)
        .finally(() => {
          this.sending = undefined;
          this.only = undefined;
        });
    });
  }

  /** Committed changes, as inspection events. */
  publish(changes: Change[]): void {
    if (this.clients.size === 0) return;
    for (const change of changes) {
      const machine = this.machines.get(change.processId);
      if (!machine) continue;
      this.sending = change.processId;
      const snapshot = {
        status: change.status === 'error' ? ('error' as const) : change.status,
        value: change.value,
        context: {},
      };
      if (change.source === 'create')
        this.inspector.actor(actorRef(change.caseId, machine), snapshot);
      else {
        this.inspector.event(change.caseId, change.event);
        if (change.handled)
          this.inspector.snapshot(change.caseId, snapshot, { event: change.event });
      }
    }
    this.sending = undefined;
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private broadcast(event: StatelyInspectionEvent): void {
    const text = JSON.stringify(event);
    const targets = this.only ? [this.only] : this.clients;
    for (const client of targets) {
      if (client.process && client.process !== this.sending) continue;
      if (client.socket.readyState === client.socket.OPEN) client.socket.send(text);
    }
  }
}

/** What the inspector reads from an actor: its session id, and its machine for the definition. */
function actorRef(caseId: string, machine: HostedMachine) {
  return {
    sessionId: caseId,
    id: caseId,
    logic: machine.engine.machine,
  } as unknown as Parameters<ReturnType<typeof createInspector>['actor']>[0];
}
