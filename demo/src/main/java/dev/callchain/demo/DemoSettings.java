package dev.callchain.demo;

/** The demo's few flags. */
record DemoSettings(boolean stream, long traces, double intervalMs, boolean ui) {
  static final String USAGE =
      "usage: scripts/demo [--stream] [--count TRACES (default 300)] [--interval MS (default 10)] [--no-ui]\n"
          + "  --stream  keep simulating and linking until Ctrl-C\n"
          + "  --no-ui   no Zipkin: the traces are shown only as trees";

  static DemoSettings parse(String[] args) {
    boolean stream = false;
    long traces = 300;
    double interval = 10;
    boolean ui = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--stream":
          stream = true;
          break;
        case "--count":
          traces = Long.parseLong(value(args, ++i, "--count"));
          if (traces <= 0) {
            throw new IllegalArgumentException("--count must be more than 0");
          }
          break;
        case "--interval":
          interval = Double.parseDouble(value(args, ++i, "--interval"));
          if (!(interval > 0)) {
            throw new IllegalArgumentException("--interval must be more than 0");
          }
          break;
        case "--no-ui":
          ui = false;
          break;
        default:
          throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    return new DemoSettings(stream, traces, interval, ui);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }
}
