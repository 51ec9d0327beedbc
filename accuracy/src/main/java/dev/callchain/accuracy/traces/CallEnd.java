package dev.callchain.accuracy.traces;

/**
 * One side of a call: its address in the call log and the service there. A side no span ran on
 * (the outside, an untraced callee) is named by its address.
 */
record CallEnd(String address, String service) {
  static CallEnd untraced(String address) {
    return new CallEnd(address, address);
  }
}
