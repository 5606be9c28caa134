import { z } from 'zod';
import { uuidSchema } from '@/lib/validation/uuid';

export const createApiKeySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, { error: 'Give the key a name, such as the system that will use it.' })
    .max(80, { error: 'Key names are at most 80 characters.' }),
});

export const revokeApiKeySchema = z.strictObject({ keyId: uuidSchema });
