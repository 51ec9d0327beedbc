/**
 * The prototype's call model: a client whose requests run through Main, Sub1, Sub2 and
 * Sub3 services; each call writes one log record when it completes, and each record is
 * delivered after a random delay.
 */
package dev.callchain.simulator.model;
