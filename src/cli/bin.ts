#!/usr/bin/env -S node --max-semi-space-size=64 --v8-pool-size=0
// A young generation four times V8’s default: a build makes millions of short-lived
// objects (layout lines, tree nodes), and collecting them less often saves a
// tenth of a large build's time. V8's helper threads (garbage collection,
// compiling) one fewer than the cores, not four: on two cores, four helpers
// crowd out the thread doing the build (a tenth of its time again). `npm run
// brief` passes the same flags.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
