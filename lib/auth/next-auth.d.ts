import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    /** Random id of this sign-in; OAuth states are bound to it. */
    sessionId?: string;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sid?: string;
    /** The user's session version at sign-in (users.session_version); a newer one in the database ends this session. */
    sv?: number;
  }
}
