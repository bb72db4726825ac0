import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Adds `.openapi()` to zod schemas once, before any schema is built, so schemas can carry names and examples.
extendZodWithOpenApi(z);

export { z };
