import { z } from 'zod';
import { IsoDateTime } from './common.js';

/** admin: users, sources, settings; analyst: everything analytical; viewer: read only. */
export const Role = z.enum(['admin', 'analyst', 'viewer']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string(),
  email: z.email().max(254),
  name: z.string().max(200),
  role: Role,
  /** argon2id hash; never leaves the store layer in API responses. */
  passwordHash: z.string(),
  locale: z.enum(['es', 'en']).default('es'),
  createdAt: IsoDateTime,
  lastLoginAt: IsoDateTime.nullable(),
});
export type User = z.infer<typeof User>;
export type PublicUser = Omit<User, 'passwordHash'>;
