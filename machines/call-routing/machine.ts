/**
 * Inbound call routing (call-routing), to-be: the machine, exported by Plumb.
 *
 * How a customer call should reach the right person. The receptionist forwards the call; when nobody is at the desk (or it is after hours) an auto-attendant lets the caller key in an extension or falls back to the shared team line. Every message, full mailbox or missed call becomes a callback task in the CRM owned first by the callee, then by the team, then by the team lead, so a callee who is away for a week can no longer sit on it. A wrong person transfers the call on instead of hanging up.
 *
 * The config passed to createMachine is the process file's "machine", unchanged: change the
 * process file, not this module. Implement the stubs (or pass your own with machine.provide()):
 * each guard answers no, each action does nothing and each service fails until then.
 */

import { setup } from 'xstate';

/** The events of the catalogue. */
export type Events =
  /** A customer call arrives on the main number */
  | { type: "CALL_IN" }
  /** The receptionist picks up */
  | { type: "ANSWERED" }
  /** The call is put through to an extension (by the receptionist, the auto-attendant or a colleague) */
  | { type: "FORWARDED" }
  /** Someone answers the extension or the team line */
  | { type: "PICKED_UP" }
  /** The customer's question is answered and the call ends */
  | { type: "RESOLVED" }
  /** The caller gives up and hangs up */
  | { type: "HUNG_UP" }
  /** The caller leaves a voicemail message */
  | { type: "MESSAGE_LEFT" }
  /** Someone rings the customer back and reaches them */
  | { type: "CALLED_BACK" }
  /** The callback reaches the customer's voicemail; a message is left */
  | { type: "NO_ANSWER" }
  /** The customer returns the call to the agent's direct line */
  | { type: "CUSTOMER_CALLED_BACK" }
  /** The mailbox is full and cannot take the message (an exception) */
  | { type: "VOICEMAIL_FULL" }
  /** The customer asked for, or was put through to, someone who cannot help (an exception) */
  | { type: "WRONG_PERSON" }
  /** Nobody is at the reception desk (lunch, sick, on another line) (an exception) */
  | { type: "RECEPTIONIST_AWAY" };

/** What a guard or an action is given: the event (and the machine context). */
export interface Args {
  context: unknown;
  event: Events;
}

/** The conditions: each answers a question about the case. */
export const guards = {
  /** Does the call arrive within business hours? */
  inBusinessHours: (_args: Args, _params: unknown): boolean => false,
};

/** The actions: what the machine does on the way. */
export const actions = {
  /** Record the caller's number from caller ID so that the missed call becomes a callback task */
  logMissedCall: (_args: Args, _params: unknown): void => {},
  /** The auto-attendant tells the caller the mailbox is full and records a callback number instead */
  takeCallbackNumber: (_args: Args, _params: unknown): void => {},
  /** Create a callback task in the CRM, owned by the callee, with the message attached */
  createCallbackTask: (_args: Args, _params: unknown): void => {},
  /** Move the callback task to the shared team queue and notify every agent on the team */
  notifyTeam: (_args: Args, _params: unknown): void => {},
  /** Alert the team lead that a callback is overdue and assign it to them */
  alertTeamLead: (_args: Args, _params: unknown): void => {},
  /** Close the callback task as unreachable and send the customer an e-mail with a direct number */
  closeAsUnreachable: (_args: Args, _params: unknown): void => {},
};

/** The services the machine invokes: automations that finish or fail. */
export const actors = {
};

/** The named delays, in milliseconds. */
export const delays = {
  /** 4 h */
  calleeWindow: 14400000,
  /** PT2H (2 h) */
  teamWindow: 7200000,
  /** P2D (2 d) */
  customerReplyWindow: 172800000,
};

/** The machine. */
export const machine = setup({
  types: { events: {} as Events },
  guards,
  actions,
  actors,
  delays,
}).createMachine({
  id: "callRouting",
  initial: "idle",
  states: {
    idle: {
      description: "The line is free.",
      on: {
        CALL_IN: [
          {
            target: "reception",
            guard: "inBusinessHours",
          },
          {
            target: "#callRouting.reception.autoAttendant",
          },
        ],
      },
    },
    reception: {
      description: "The call is with the front desk or its auto-attendant.",
      initial: "ringing",
      on: {
        HUNG_UP: {
          target: "abandoned",
          meta: {
            probability: 0.05,
          },
        },
      },
      states: {
        ringing: {
          description: "The reception phone rings; after 20 seconds the auto-attendant takes the call.",
          meta: {
            role: "receptionist",
            duration: {
              min: 0.05,
              mode: 0.2,
              max: 0.33,
            },
            valueAdded: false,
          },
          on: {
            ANSWERED: {
              target: "asking",
              meta: {
                probability: 0.9,
              },
            },
            RECEPTIONIST_AWAY: "autoAttendant",
          },
          after: {
            "20000": "autoAttendant",
          },
        },
        asking: {
          description: "The receptionist asks who the caller wants and looks the extension up in the CRM directory.",
          meta: {
            role: "receptionist",
            duration: {
              min: 0.3,
              mode: 0.5,
              max: 2,
            },
            valueAdded: false,
          },
          on: {
            FORWARDED: "#callRouting.extension",
          },
        },
        autoAttendant: {
          description: "A recorded menu: key in an extension, or hold for the team line.",
          meta: {
            duration: {
              min: 0.2,
              mode: 0.5,
              max: 0.75,
            },
            valueAdded: false,
          },
          on: {
            FORWARDED: "#callRouting.extension",
          },
          after: {
            "45000": "#callRouting.teamLine",
          },
        },
      },
    },
    extension: {
      description: "The callee's phone rings for 30 seconds, then voicemail takes over.",
      meta: {
        role: "agent",
        duration: {
          min: 0.1,
          mode: 0.2,
          max: 0.5,
        },
        valueAdded: false,
      },
      on: {
        PICKED_UP: {
          target: "conversation",
          meta: {
            probability: 0.65,
          },
        },
        HUNG_UP: {
          target: "callbackQueued",
          actions: [
            "logMissedCall",
          ],
          meta: {
            probability: 0.05,
          },
        },
      },
      after: {
        "30000": "voicemail",
      },
    },
    teamLine: {
      description: "Every agent's phone on the team rings at once; after a minute voicemail takes over.",
      meta: {
        role: "agent",
        duration: {
          min: 0.1,
          mode: 0.3,
          max: 1,
        },
        valueAdded: false,
      },
      on: {
        PICKED_UP: {
          target: "conversation",
          meta: {
            probability: 0.85,
          },
        },
        HUNG_UP: {
          target: "callbackQueued",
          actions: [
            "logMissedCall",
          ],
          meta: {
            probability: 0.05,
          },
        },
      },
      after: {
        "60000": "voicemail",
      },
    },
    conversation: {
      description: "An agent talks with the customer.",
      meta: {
        role: "agent",
        duration: {
          min: 2,
          mode: 6,
          max: 20,
        },
        valueAdded: true,
      },
      on: {
        RESOLVED: {
          target: "resolved",
          meta: {
            probability: 0.9,
          },
        },
        WRONG_PERSON: "transferring",
      },
    },
    transferring: {
      description: "The agent who cannot help looks the right person up in the CRM and transfers the call.",
      meta: {
        role: "agent",
        duration: {
          min: 0.5,
          mode: 1,
          max: 3,
        },
        valueAdded: false,
      },
      on: {
        FORWARDED: "extension",
      },
    },
    voicemail: {
      description: "Voicemail with a team greeting; every message lands in the CRM as a callback task.",
      meta: {
        role: "agent",
        duration: {
          min: 0.5,
          mode: 1,
          max: 2,
        },
        valueAdded: false,
      },
      on: {
        MESSAGE_LEFT: {
          target: "callbackQueued",
          meta: {
            probability: 0.7,
          },
        },
        VOICEMAIL_FULL: {
          target: "callbackQueued",
          actions: [
            "takeCallbackNumber",
          ],
        },
        HUNG_UP: {
          target: "callbackQueued",
          actions: [
            "logMissedCall",
          ],
          meta: {
            probability: 0.3,
          },
        },
      },
    },
    callbackQueued: {
      description: "A callback task in the CRM. It moves on by itself when its owner does not act in time.",
      initial: "withCallee",
      entry: [
        "createCallbackTask",
      ],
      on: {
        CALLED_BACK: {
          target: "conversation",
          meta: {
            probability: 0.8,
          },
        },
        NO_ANSWER: {
          target: "awaitingCustomer",
          meta: {
            probability: 0.2,
          },
        },
      },
      states: {
        withCallee: {
          description: "The callee has four hours to ring back.",
          meta: {
            role: "agent",
            duration: {
              min: 5,
              mode: 60,
              max: 300,
            },
            valueAdded: false,
          },
          after: {
            calleeWindow: "teamQueue",
          },
        },
        teamQueue: {
          description: "The callee did not act in time (absent, ill, swamped): the whole team sees the task.",
          entry: [
            "notifyTeam",
          ],
          meta: {
            role: "agent",
            duration: {
              min: 5,
              mode: 30,
              max: 150,
            },
            valueAdded: false,
          },
          after: {
            teamWindow: "escalated",
          },
        },
        escalated: {
          description: "Nobody on the team took it: the team lead owns the callback now.",
          entry: [
            "alertTeamLead",
          ],
          meta: {
            role: "teamLead",
            duration: {
              min: 5,
              mode: 20,
              max: 60,
            },
            valueAdded: false,
          },
        },
      },
    },
    awaitingCustomer: {
      description: "A message was left for the customer; the agent waits two days for them to ring back.",
      meta: {
        role: "agent",
        waits: true,
        duration: {
          min: 30,
          mode: 240,
          max: 2880,
        },
        valueAdded: false,
      },
      on: {
        CUSTOMER_CALLED_BACK: "conversation",
      },
      after: {
        customerReplyWindow: {
          target: "unreachable",
          actions: [
            "closeAsUnreachable",
          ],
        },
      },
    },
    resolved: {
      type: "final",
    },
    abandoned: {
      type: "final",
    },
    unreachable: {
      type: "final",
    },
  },
} as const);
