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

const person = (uuid: string, displayName: string, email: string, timeZone: string, jobTitle: string): UserDef => ({
  accountId: `712020:${uuid}`,
  displayName,
  email,
  nickname: email.split('@')[0] ?? displayName,
  timeZone,
  locale: 'en_US',
  jobTitle,
});

/** Everyone issues are assigned to or reported by; index order is part of the deterministic world. */
export const PEOPLE: UserDef[] = [
  SANDBOX_USER,
  SECOND_USER,
  person('1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b', 'Priya Raman', 'priya.raman@example.com', 'Asia/Kolkata', 'Backend Engineer'),
  person('2c3d4e5f-6071-4829-9bac-1d2e3f4a5b6c', 'Lucas Ferreira', 'lucas.ferreira@example.com', 'America/Sao_Paulo', 'Frontend Engineer'),
  person('3d4e5f60-7182-493a-acbd-2e3f4a5b6c7d', 'Hana Sato', 'hana.sato@example.com', 'Asia/Tokyo', 'QA Engineer'),
  person('4e5f6071-8293-4a4b-bdce-3f4a5b6c7d8e', 'Tom Becker', 'tom.becker@example.com', 'Europe/Berlin', 'Site Reliability Engineer'),
];
