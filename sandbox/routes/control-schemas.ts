// zod schemas for the /__sandbox control API bodies.
import { z } from 'zod';
import { SCENARIO_NAMES } from '../scenarios';
import { GRANT_TYPES } from '../types';

export const ScenarioBodySchema = z.object({ name: z.enum(SCENARIO_NAMES) });

export const KnobsBodySchema = z.object({
  accessTokenLifetimeSecs: z.number().int().positive().optional(),
  reuseLeewaySecs: z.number().int().nonnegative().optional(),
  latencyMs: z.number().int().nonnegative().optional(),
  clockOffsetSecs: z.number().optional(),
  /** Adds to the current clock offset. */
  advanceClockSecs: z.number().optional(),
  rateLimit: z.object({ limit: z.number().int().nonnegative(), windowSecs: z.number().positive() }).nullable().optional(),
});

export const FaultBodySchema = z
  .object({
    route: z.string().min(1),
    count: z.number().int().positive().default(1),
    status: z.number().int().min(100).max(599).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    body: z.unknown().optional(),
    delayMs: z.number().int().nonnegative().optional(),
    timeout: z.boolean().optional(),
  })
  .refine((f) => f.status !== undefined || f.delayMs !== undefined || f.timeout === true, { message: 'Give status, delayMs or timeout.' });

export const AppBodySchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  name: z.string().min(1),
  callbackUrl: z.string().url(),
  scopes: z.array(z.string().min(1)),
  grantType: z.enum(GRANT_TYPES).default('account'),
});

/** Changes an app's grant type (developer console); clientId defaults to the sandbox's own app. */
export const GrantTypeBodySchema = z.object({ grantType: z.enum(GRANT_TYPES), clientId: z.string().min(1).optional() });

export const ConsentBodySchema = z.object({
  accountId: z.string().optional(),
  clientId: z.string().min(1),
  cloudIds: z.array(z.string()).min(1),
  /** Defaults to every scope the app is configured with. */
  scopes: z.array(z.string()).optional(),
});

export const RemoveSiteBodySchema = z.object({ cloudId: z.string().min(1), accountId: z.string().optional(), clientId: z.string().optional() });
