#!/usr/bin/env -S node --max-semi-space-size=64
// A young generation four times V8’s default: a build makes millions of short-lived
// objects (layout lines, tree nodes), and collecting them less often saves a
// tenth of a large build's time. `npm run brief` passes the same flag.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
