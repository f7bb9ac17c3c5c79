// Child-process entry: prints the phrase table's outcomes as JSON, under whatever TZ the parent set.
import { runCases } from './phrase-cases.js';

process.stdout.write(JSON.stringify({ tz: Intl.DateTimeFormat().resolvedOptions().timeZone, outcomes: runCases() }));
