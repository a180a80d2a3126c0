/**
 * New lead assignment (lead-assignment), to-be: the machine, exported by Plumb.
 *
 * How a new lead should reach a sales rep. Duplicates are merged; every other lead is assigned by a round-robin rule to the next rep with capacity, or to the sales manager when nobody has any. A rep who does not open a lead within four hours loses it to the sales manager, and when a rep leaves the company every open lead of theirs goes back through the round robin instead of sitting with nobody.
 *
 * The config passed to createMachine is the process file's "machine", unchanged: change the
 * process file, not this module. Implement the stubs (or pass your own with machine.provide()):
 * each guard answers no, each action does nothing and each service fails until then.
 */

import { setup } from 'xstate';

/** The events of the catalogue. */
export type Events =
  /** A new lead arrives from the web form, a trade-show list or a referral */
  | { type: "LEAD_CREATED" }
  /** The sales manager assigns the lead to a named rep */
  | { type: "ASSIGNED" }
  /** The owner opens the lead and starts working it */
  | { type: "PICKED_UP" }
  /** The rep reaches the prospect */
  | { type: "CONTACTED" }
  /** The lead has no working phone number or e-mail address */
  | { type: "UNREACHABLE" }
  /** Need, budget and timing are confirmed; a proposal goes out */
  | { type: "QUALIFIED" }
  /** The lead is not a fit (no budget, wrong market, a competitor) */
  | { type: "DISQUALIFIED" }
  /** The prospect signs */
  | { type: "WON" }
  /** The prospect says no */
  | { type: "LOST" }
  /** The rep who owns the lead has left the company (or is on long leave) (an exception) */
  | { type: "OWNER_GONE" };

/** What a guard or an action is given: the event (and the machine context). */
export interface Args {
  context: unknown;
  event: Events;
}

/** The conditions: each answers a question about the case. */
export const guards = {
  /** Does the lead match a contact already in the CRM? */
  isDuplicate: (_args: Args, _params: unknown): boolean => false,
  /** Does a rep in the lead's territory have capacity for another lead? */
  repAvailable: (_args: Args, _params: unknown): boolean => false,
};

/** The actions: what the machine does on the way. */
export const actions = {
  /** Merge the lead into the existing contact record */
  mergeIntoExistingContact: (_args: Args, _params: unknown): void => {},
  /** Give the lead to the next rep in the territory's round robin who has capacity, and notify them */
  assignRoundRobin: (_args: Args, _params: unknown): void => {},
  /** Take every open record of the departed rep off them and log the change of owner */
  reassignOpenRecords: (_args: Args, _params: unknown): void => {},
  /** Tell the sales manager that a lead needs a manual assignment or was not picked up in time */
  notifyManager: (_args: Args, _params: unknown): void => {},
  /** Close the opportunity as lost after 30 days without an answer, with a reminder to re-engage next quarter */
  markStale: (_args: Args, _params: unknown): void => {},
};

/** The services the machine invokes: automations that finish or fail. */
export const actors = {
};

/** The named delays, in milliseconds. */
export const delays = {
  /** PT4H (4 h) */
  pickupSla: 14400000,
  /** 30 d */
  decisionWindow: 2592000000,
};

/** The machine. */
export const machine = setup({
  types: { events: {} as Events },
  guards,
  actions,
  actors,
  delays,
}).createMachine({
  id: "leadAssignment",
  initial: "idle",
  states: {
    idle: {
      description: "Waiting for a lead.",
      on: {
        LEAD_CREATED: [
          {
            target: "disqualified",
            guard: "isDuplicate",
            actions: [
              "mergeIntoExistingContact",
            ],
          },
          {
            target: "assigning",
          },
        ],
      },
    },
    assigning: {
      description: "The round-robin rule picks the next rep with capacity, by role and territory, not by name.",
      entry: [
        "assignRoundRobin",
      ],
      meta: {
        role: "salesOps",
        duration: 0,
        valueAdded: false,
      },
      always: [
        {
          target: "working",
          guard: "repAvailable",
        },
        {
          target: "managerQueue",
          actions: [
            "notifyManager",
          ],
        },
      ],
    },
    managerQueue: {
      description: "Leads nobody could take, or nobody picked up in time, wait for the sales manager.",
      meta: {
        role: "salesManager",
        duration: {
          min: 5,
          mode: 30,
          max: 240,
        },
        valueAdded: false,
      },
      on: {
        ASSIGNED: {
          target: "working",
          meta: {
            probability: 0.9,
          },
        },
        DISQUALIFIED: {
          target: "disqualified",
          meta: {
            probability: 0.1,
          },
        },
      },
    },
    working: {
      description: "The lead is owned by a rep. If that rep leaves, the lead goes back to the round robin.",
      initial: "assigned",
      on: {
        OWNER_GONE: {
          target: "assigning",
          actions: [
            "reassignOpenRecords",
          ],
        },
      },
      states: {
        assigned: {
          description: "The rep has four hours to open the lead before it goes to the sales manager.",
          meta: {
            role: "rep",
            waits: true,
            duration: {
              min: 5,
              mode: 45,
              max: 240,
            },
            valueAdded: false,
          },
          on: {
            PICKED_UP: "contacting",
          },
          after: {
            pickupSla: {
              target: "#leadAssignment.managerQueue",
              actions: [
                "notifyManager",
              ],
            },
          },
        },
        contacting: {
          description: "The rep calls and e-mails the prospect.",
          meta: {
            role: "rep",
            duration: {
              min: 10,
              mode: 30,
              max: 120,
            },
            valueAdded: true,
          },
          on: {
            CONTACTED: {
              target: "qualifying",
              meta: {
                probability: 0.8,
              },
            },
            UNREACHABLE: {
              target: "#leadAssignment.disqualified",
              meta: {
                probability: 0.2,
              },
            },
          },
        },
        qualifying: {
          description: "The rep checks need, budget and timing.",
          meta: {
            role: "rep",
            duration: {
              min: 15,
              mode: 30,
              max: 90,
            },
            valueAdded: true,
          },
          on: {
            QUALIFIED: {
              target: "proposal",
              meta: {
                probability: 0.5,
              },
            },
            DISQUALIFIED: {
              target: "#leadAssignment.disqualified",
              meta: {
                probability: 0.5,
              },
            },
          },
        },
        proposal: {
          description: "The proposal is with the prospect; the rep follows up until a decision or 30 days.",
          meta: {
            role: "rep",
            waits: true,
            duration: {
              min: 1440,
              mode: 7200,
              max: 43200,
            },
            valueAdded: false,
          },
          on: {
            WON: {
              target: "#leadAssignment.won",
              meta: {
                probability: 0.4,
              },
            },
            LOST: {
              target: "#leadAssignment.lost",
              meta: {
                probability: 0.6,
              },
            },
          },
          after: {
            decisionWindow: {
              target: "#leadAssignment.lost",
              actions: [
                "markStale",
              ],
            },
          },
        },
      },
    },
    won: {
      type: "final",
    },
    lost: {
      type: "final",
    },
    disqualified: {
      type: "final",
    },
  },
} as const);
