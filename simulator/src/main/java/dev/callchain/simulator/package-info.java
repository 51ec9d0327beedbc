/**
 * The call-log simulator: {@link dev.callchain.simulator.Simulator} runs one configured
 * simulation; {@link dev.callchain.simulator.SimulatorMain} is its command line.
 */
package dev.callchain.simulator;
