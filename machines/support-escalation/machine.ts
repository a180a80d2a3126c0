/**
 * Support ticket escalation (support-escalation), to-be: the machine, exported by Plumb.
 *
 * How a customer's support request should be handled. The CRM creates the ticket; if that fails, the agent is told and logs it by hand. A tier-1 agent solves it or escalates it; a priority customer's ticket goes straight to the on-duty specialist, the rest to the tier-2 queue, which has two hours to pick it up before the team lead is alerted, and a specialist waiting on the customer closes the ticket after three days of silence. At the close the agent tells the customer while the CRM's close-out workflow updates the ticket and the customer record from the logged outcome; a customer who cannot be reached gets a written summary instead of blocking the close.
 *
 * The config passed to createMachine is the process file's "machine", unchanged: change the
 * process file, not this module. Implement the stubs (or pass your own with machine.provide()):
 * each guard answers no, each action does nothing and each service fails until then.
 */

import { fromPromise, setup } from 'xstate';

/** The events of the catalogue. */
export type Events =
  /** A customer e-mails or calls with a problem */
  | { type: "REQUEST_RECEIVED" }
  /** The agent creates the ticket by hand */
  | { type: "TICKET_CREATED" }
  /** The tier-1 agent solves the problem on first contact */
  | { type: "RESOLVED" }
  /** The tier-1 agent hands the ticket to tier 2 */
  | { type: "ESCALATED" }
  /** A tier-2 specialist takes the ticket */
  | { type: "PICKED_UP" }
  /** The specialist asks the customer for logs, screenshots or access */
  | { type: "NEEDS_INFO" }
  /** The customer sends the information asked for */
  | { type: "CUSTOMER_REPLIED" }
  /** The specialist fixes the problem */
  | { type: "FIX_FOUND" }
  /** The customer chases the ticket and complains */
  | { type: "CUSTOMER_CHASED" }
  /** The customer is told the outcome */
  | { type: "CUSTOMER_NOTIFIED" }
  /** The ticket and the customer record are updated and the ticket is closed in the CRM */
  | { type: "CRM_UPDATED" }
  /** The customer cannot be reached (no answer, mailbox full, wrong number) (an exception) */
  | { type: "CUSTOMER_UNREACHABLE" };

/** What a guard or an action is given: the event (and the machine context). */
export interface Args {
  context: unknown;
  event: Events;
}

/** The conditions: each answers a question about the case. */
export const guards = {
  /** Is the customer on a priority support contract? */
  isPriorityCustomer: (_args: Args, _params: unknown): boolean => false,
};

/** The actions: what the machine does on the way. */
export const actions = {
  /** Tell the tier-1 agents that the CRM could not create the ticket, with the original e-mail attached */
  alertAgentTicketFailed: (_args: Args, _params: unknown): void => {},
  /** Alert the support team lead and assign the ticket to them */
  alertSupportLead: (_args: Args, _params: unknown): void => {},
  /** E-mail and text the customer a written summary of the outcome with a direct number */
  sendWrittenSummary: (_args: Args, _params: unknown): void => {},
  /** Note on the ticket that the customer did not answer within three days */
  noteNoReply: (_args: Args, _params: unknown): void => {},
};

/** The services the machine invokes: automations that finish or fail. */
export const actors = {
  /** The CRM creates the ticket from the e-mail or call and links it to the customer record */
  createTicket: fromPromise<unknown, unknown>(async () => {
    throw new Error("the service \"createTicket\" is not implemented");
  }),
};

/** The named delays, in milliseconds. */
export const delays = {
  /** PT2H (2 h) */
  tier2PickupSla: 7200000,
  /** 3 d */
  customerReplyWindow: 259200000,
};

/** The machine. */
export const machine = setup({
  types: { events: {} as Events },
  guards,
  actions,
  actors,
  delays,
}).createMachine({
  id: "supportEscalation",
  initial: "idle",
  states: {
    idle: {
      description: "No open request.",
      on: {
        REQUEST_RECEIVED: "logging",
      },
    },
    logging: {
      description: "The CRM creates the ticket. A failure goes to an agent instead of vanishing.",
      meta: {
        duration: {
          min: 0.1,
          mode: 0.2,
          max: 0.5,
        },
        valueAdded: false,
      },
      invoke: {
        id: "createTicket",
        src: "createTicket",
        onDone: "triage",
        onError: {
          target: "manualTicket",
          actions: [
            "alertAgentTicketFailed",
          ],
        },
      },
    },
    manualTicket: {
      description: "The agent creates the ticket by hand from the original message.",
      meta: {
        role: "agent",
        duration: {
          min: 2,
          mode: 4,
          max: 10,
        },
        valueAdded: false,
      },
      on: {
        TICKET_CREATED: "triage",
      },
    },
    triage: {
      description: "A tier-1 agent reads the ticket and tries the known fixes.",
      meta: {
        role: "agent",
        duration: {
          min: 5,
          mode: 15,
          max: 45,
        },
        valueAdded: true,
      },
      on: {
        RESOLVED: {
          target: "closing",
          meta: {
            probability: 0.6,
          },
        },
        ESCALATED: [
          {
            target: "#supportEscalation.tier2.investigating",
            guard: "isPriorityCustomer",
          },
          {
            target: "tier2",
          },
        ],
      },
    },
    tier2: {
      description: "The ticket is with the tier-2 team.",
      initial: "queued",
      states: {
        queued: {
          description: "The ticket waits in the tier-2 queue; after two hours the team lead is alerted.",
          meta: {
            role: "specialist",
            waits: true,
            duration: {
              min: 5,
              mode: 45,
              max: 120,
            },
            valueAdded: false,
          },
          on: {
            PICKED_UP: {
              target: "investigating",
              meta: {
                probability: 0.95,
              },
            },
            CUSTOMER_CHASED: {
              target: "escalated",
              meta: {
                probability: 0.05,
              },
            },
          },
          after: {
            tier2PickupSla: "escalated",
          },
        },
        escalated: {
          description: "The team lead finds a specialist for the ticket.",
          entry: [
            "alertSupportLead",
          ],
          meta: {
            role: "supportLead",
            duration: {
              min: 5,
              mode: 15,
              max: 60,
            },
            valueAdded: false,
          },
          on: {
            PICKED_UP: "investigating",
          },
        },
        investigating: {
          description: "The specialist reproduces and fixes the problem.",
          meta: {
            role: "specialist",
            duration: {
              min: 30,
              mode: 120,
              max: 960,
            },
            valueAdded: true,
          },
          on: {
            FIX_FOUND: {
              target: "#supportEscalation.closing",
              meta: {
                probability: 0.75,
              },
            },
            NEEDS_INFO: {
              target: "awaitingCustomer",
              meta: {
                probability: 0.25,
              },
            },
          },
        },
        awaitingCustomer: {
          description: "The specialist waits for the customer's answer, for three days at most.",
          meta: {
            role: "specialist",
            waits: true,
            duration: {
              min: 60,
              mode: 720,
              max: 4320,
            },
            valueAdded: false,
          },
          on: {
            CUSTOMER_REPLIED: "investigating",
          },
          after: {
            customerReplyWindow: {
              target: "#supportEscalation.closing",
              actions: [
                "noteNoReply",
              ],
            },
          },
        },
      },
    },
    closing: {
      description: "Telling the customer and updating the CRM happen at the same time; the ticket closes when both are done.",
      type: "parallel",
      onDone: "closed",
      states: {
        customer: {
          initial: "notifying",
          states: {
            notifying: {
              description: "The agent phones the customer with the outcome.",
              meta: {
                role: "agent",
                duration: {
                  min: 2,
                  mode: 5,
                  max: 15,
                },
                valueAdded: true,
              },
              on: {
                CUSTOMER_NOTIFIED: {
                  target: "notified",
                  meta: {
                    probability: 0.85,
                  },
                },
                CUSTOMER_UNREACHABLE: {
                  target: "notified",
                  actions: [
                    "sendWrittenSummary",
                  ],
                },
              },
            },
            notified: {
              type: "final",
            },
          },
        },
        crm: {
          initial: "updating",
          states: {
            updating: {
              description: "The CRM workflow writes the logged outcome to the ticket and the customer record; nobody retypes it.",
              meta: {
                duration: {
                  min: 0.1,
                  mode: 0.2,
                  max: 0.5,
                },
                valueAdded: false,
              },
              on: {
                CRM_UPDATED: "updated",
              },
            },
            updated: {
              type: "final",
            },
          },
        },
      },
    },
    closed: {
      type: "final",
    },
  },
} as const);
