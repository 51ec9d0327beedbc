/**
 * The prototype's call model: a client whose requests run through Main, Sub1, Sub2 and
 * Sub3 services; each call writes one log record when it completes, and each record is
 * delivered after a random delay. The client, address pools, log and delivery are shared with
 * the topology model ({@link dev.callchain.simulator.model.TraceStarter} is where requests go).
 */
package dev.callchain.simulator.model;
