/** An error whose message is meant for the user (shown ephemerally as is); no stack is logged. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
