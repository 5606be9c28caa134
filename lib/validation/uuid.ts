import { z } from 'zod';

export const uuidSchema = z.uuid();

/** Ids from URLs reach queries only if well-formed: PostgreSQL would reject anything else with an error. */
export const isUuid = (value: string): boolean => uuidSchema.safeParse(value).success;
