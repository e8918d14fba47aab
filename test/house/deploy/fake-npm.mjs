#!/usr/bin/env node
// A stand-in for npm: records its arguments in $FAKE_CLASP_LOG (as ["npm", ...]) and exits with $FAKE_NPM_EXIT.
import fs from 'node:fs';

fs.appendFileSync(process.env.FAKE_CLASP_LOG, JSON.stringify(['npm', ...process.argv.slice(2)]) + '\n');
process.exit(Number(process.env.FAKE_NPM_EXIT ?? 0));
