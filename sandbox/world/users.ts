import type { UserDef } from './types';

// The person the consent page acts as. Account ids use the modern "712020:<uuid>" form seen in recordings.
export const SANDBOX_USER: UserDef = {
  accountId: '712020:3f6c2d1e-8b4a-4e0f-9a51-5c7d2b9e6a10',
  displayName: 'Mia Krystof',
  email: 'mia.krystof@example.com',
  nickname: 'mkrystof',
  timeZone: 'Europe/Berlin',
  locale: 'en_US',
  jobTitle: 'Engineering Manager',
};

export const SECOND_USER: UserDef = {
  accountId: '712020:9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d',
  displayName: 'Sam Okafor',
  email: 'sam.okafor@example.com',
  nickname: 'sokafor',
  timeZone: 'America/New_York',
  locale: 'en_US',
  jobTitle: 'Support Lead',
};
