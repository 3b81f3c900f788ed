import { z } from 'zod';

/**
 * The page's CSP requires Trusted Types for scripts, so zod's probe for
 * `new Function` (its faster compiled parsers) is blocked and logs a CSP
 * violation at the first parse. Parsing without compiled code is fast
 * enough for API results; imported first by main.tsx, before any parse.
 */
z.config({ jitless: true });
