/** What the Cognito model records in the trace (`resource` is the user pool). */
declare module '../../trace' {
  interface TraceEventTypes {
    /** Tokens were issued to a user (`detail.username`, `detail.clientId`, `detail.scopes`). */
    'cognito.signedIn': true;
  }
}

export {};
