/**
 * A discrete-event kernel with SimPy's semantics: a simulated clock, an event queue
 * ordered by (time, priority, insertion order), events, timeouts, processes written as
 * step functions, and all-of / any-of conditions. Processes are plain objects resumed by
 * the kernel, so a million concurrent processes need no threads.
 */
package dev.callchain.simulator.des;
