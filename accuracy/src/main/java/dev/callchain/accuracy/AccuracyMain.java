package dev.callchain.accuracy;

import dev.callchain.accuracy.traces.ImportCommand;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar callchain-accuracy.jar report|load-sweep|bound-sweep|import|real ...}: how often the
 * pipeline's links are right, against the simulator's ground truth or real traces imported as call
 * logs. Exit 0 done, 1 failed, 2 bad usage.
 */
public final class AccuracyMain {
  private AccuracyMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(usage());
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "report" -> ReportCommand.run(rest, out);
        case "load-sweep" -> LoadSweep.run(rest, out);
        case "bound-sweep" -> BoundSweep.run(rest, out);
        case "import" -> ImportCommand.run(rest, out, err);
        case "real" -> RealAccuracy.run(rest, out, err);
        default -> throw new Flags.UsageException("unknown command: " + args[0]);
      }
      return 0;
    } catch (Flags.UsageException e) {
      err.println("error: " + e.getMessage());
      err.print(usage());
      return 2;
    } catch (Exception e) {
      err.println("error: " + e);
      return 1;
    }
  }

  static String usage() {
    return "Usage: java -jar callchain-accuracy.jar COMMAND [options]\n\n"
        + "  " + ReportCommand.USAGE + "\n"
        + "  " + LoadSweep.USAGE + "\n"
        + "  " + BoundSweep.USAGE + "\n"
        + "  " + ImportCommand.USAGE + "\n"
        + "  " + RealAccuracy.USAGE + "\n";
  }
}
