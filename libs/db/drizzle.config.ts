// drizzle-kit reads this to generate SQL migrations from src/schema.ts into drizzle/.
// Run from this folder: `npm run db:generate -w @trialgrid/db`. Generated files are committed
// and shipped beside dist/ (the migrator resolves `../drizzle` from the compiled file).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});
