import { z } from 'zod/mini';

// zod/mini keeps first-load JavaScript small; the English messages are what the user reads when
// stored data or an imported file does not parse.
z.config(z.locales.en());

export { z };
