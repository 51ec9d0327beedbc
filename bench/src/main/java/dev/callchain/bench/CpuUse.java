package dev.callchain.bench;

/**
 * How much of the machine each process of a keep-up run used over the same stretch of time, in
 * CPU seconds per wall second (1.0 is one core busy; the machine has {@link
 * Runtime#availableProcessors()}): the simulator's JVM, the bench's own JVM, which hosts the
 * broker and otherwise only waits while the simulator runs, and the pipeline's JVM; and the
 * machine as a whole, whose busy time beyond the three went to other processes (it is shared).
 *
 * @param machine every process's, NaN where the machine's time is not readable
 */
record CpuUse(double simulator, double broker, double pipeline, double machine) {
  /**
   * The processes and the machine read one after the other, at about the same moment.
   *
   * @param machine null where the machine's time is not readable
   */
  record Readings(CpuReading simulator, CpuReading broker, CpuReading pipeline, CpuReading machine) {
    static Readings of(ProcessHandle simulator, ProcessHandle broker, ProcessHandle pipeline) {
      return new Readings(CpuReading.of(simulator), CpuReading.of(broker), CpuReading.of(pipeline),
          CpuReading.ofMachine().orElse(null));
    }
  }

  static CpuUse between(Readings from, Readings to) {
    return new CpuUse(from.simulator().coresUntil(to.simulator()), from.broker().coresUntil(to.broker()),
        from.pipeline().coresUntil(to.pipeline()),
        from.machine() == null || to.machine() == null ? Double.NaN : from.machine().coresUntil(to.machine()));
  }

  /** The three together: at the machine's core count, they had all of it. */
  double total() {
    return simulator + broker + pipeline;
  }
}
