// Two kinds of failure: a UserError carries a Chinese message to show the sender and changes nothing;
// anything else is a fault, logged with its context at the one boundary per inbound message.

export class UserError extends Error {
  constructor(readonly userMessage: string) {
    super(userMessage);
    this.name = 'UserError';
  }
}

/** The sender lacks the role for a command. Recorded in the audit log by the router. */
export class PermissionError extends UserError {
  constructor(userMessage = '抱歉，您没有执行此操作的权限。') {
    super(userMessage);
    this.name = 'PermissionError';
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
