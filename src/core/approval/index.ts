// Approval: the files of `machines/<id>/`, pinned by hash, and their verification.
export {
  type ApprovalRecord,
  type ApprovalResult,
  type ApproveInput,
  approveProcess,
  type Blocker,
  blockersOf,
  MACHINE_FILES,
  type MachineFileName,
} from './approve';
export { hashOf, sha256Hex, utf8 } from './sha256';
export {
  type Drift,
  type MachineFolder,
  type MachineVerdict,
  PINNED_FILES,
  parseApproval,
  verifyMachine,
} from './verify';
