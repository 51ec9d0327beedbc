/** Where records and ground truth go: JSON Lines files, stdout, Kafka. */
package dev.callchain.simulator.output;
