package dev.callchain.bench;

import dev.callchain.pipeline.options.CallchainOptions;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Whether the pipeline on the class path knows an option. Beam's option parser lets an unknown
 * {@code --name=value} through silently, so a run with an option main does not have yet (say
 * {@code --linker=scan}) would measure the default instead: the bench asks first.
 */
final class PipelineOptionNames {
  private PipelineOptionNames() {}

  static boolean knows(String option) {
    String name = option.replaceFirst("^--", "").replaceFirst("=.*$", "");
    String property = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (Method method : CallchainOptions.class.getMethods()) {
      if (method.getName().equals("get" + property) || method.getName().equals("is" + property)) {
        return true;
      }
    }
    return false;
  }

  static boolean knowsAll(List<String> options) {
    return options.stream().allMatch(PipelineOptionNames::knows);
  }
}
