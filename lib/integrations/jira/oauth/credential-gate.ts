// New OAuth app credentials go live only once Atlassian accepts them (as Stripe and Vercel verify keys before
// using them). Pure: the verdict of the probe in, what the admin reads out. A refused save changes nothing, so
// a wrong secret can never replace working credentials and turn every site to "Error" at the next refresh.
import type { CredentialCheck } from './verify-credentials';

export type CredentialGate =
  | { activate: true; message: string }
  | { activate: false; error: string; fieldError: string };

export function gateNewCredentials(check: CredentialCheck['result'], hasCurrentApp: boolean): CredentialGate {
  const stays = hasCurrentApp
    ? 'The credentials saved before stay in use.'
    : 'New connections keep using Portico’s app until credentials are verified.';
  switch (check) {
    case 'accepted':
      return { activate: true, message: 'Saved: Atlassian accepted these credentials, and new connections use them.' };
    case 'rejected':
      return {
        activate: false,
        error: `Atlassian rejected this client ID and secret, so Portico did not save them. ${stays}`,
        fieldError: 'Copy the secret again from the Settings page of your app in the developer console; if Atlassian refuses it too, check the client ID.',
      };
    case 'unreachable':
      return {
        activate: false,
        error: `Atlassian could not be reached to verify these credentials, so Portico did not save them. ${stays}`,
        fieldError: 'Nothing is wrong with what you entered as far as Portico knows: save again in a minute.',
      };
    default:
      return {
        activate: false,
        error: `Atlassian answered the verification in an unexpected way, so Portico did not save these credentials. ${stays}`,
        fieldError: 'Save again; if this persists, contact Portico support.',
      };
  }
}
