// STS (Query): only GetCallerIdentity, answering with the configured caller.
import type { Handler } from './context.js';

/** Every STS operation the simulator speaks. */
export const stsHandlers: Record<string, Handler> = {
  GetCallerIdentity: (_p, { state }) => ({ UserId: state.caller.userId, Account: state.caller.account, Arn: state.caller.arn }),
};
