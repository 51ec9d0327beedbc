/**
 * A harder call model read from a {@code --topology} file: any services, several instances
 * each, log-normal work times, sequential or parallel fan-out, and a clock offset per host that
 * shifts the logged times. It runs on the same event engine, log and writers as the default model.
 */
package dev.callchain.simulator.topology;
