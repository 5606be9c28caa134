import { z } from 'zod';

/** Every sync job is about one connection of one organization (the worker binds orgId to its logs). */
export const connectionJobSchema = z.object({ organizationId: z.uuid(), connectionId: z.uuid() });
export type ConnectionJob = z.infer<typeof connectionJobSchema>;

/** Without a segment: start the backfill or list its open segments; with one: read that segment's next page. */
export const backfillJobSchema = connectionJobSchema.extend({ segment: z.int().min(0).optional() });
export type BackfillJob = z.infer<typeof backfillJobSchema>;
