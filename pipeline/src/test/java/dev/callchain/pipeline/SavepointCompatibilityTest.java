package dev.callchain.pipeline;

import static org.junit.jupiter.api.Assertions.fail;

import dev.callchain.pipeline.options.OptionsReader;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.reflect.DoFnSignature;
import org.apache.beam.sdk.transforms.reflect.DoFnSignatures;
import org.apache.beam.sdk.util.construction.SplittableParDo;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/**
 * Guards what a Flink savepoint of the Kafka job depends on, so that the next version of callchain
 * can resume from it. On the FlinkRunner an operator's uid is its Beam transform's full name, and
 * its keyed state is found by uid, key bytes and state id and decoded with the state's coder.
 * Flink also keeps every state's coder Java-serialized in the savepoint (Beam's
 * CoderTypeSerializer snapshot), and the Kafka source itself in its split, and deserializes them
 * on restore: a class that is gone, or whose serialVersionUID changed, fails the restore.
 */
class SavepointCompatibilityTest {
  /** The source tree's copy, read and written in place (Maven runs a module's tests in it). */
  private static final Path EXPECTED = Path.of("src/test/resources/savepoint-compatibility.txt");

  private static final String UPDATE = "callchain.updateSavepointNames";

  /** The Kafka job on Flink with default options; the broker is never reached, nothing runs. */
  private static final List<String> KAFKA_JOB =
      List.of("--runner=FlinkRunner", "--bootstrapServers=127.0.0.1:9");

  /**
   * Options that change what the state holds (its contents, or its keys: address slices). They
   * are checked too, since a job may be restored with them switched.
   */
  private static final List<String> VARIANTS =
      List.of("--bestParent=true", "--lateLinks=revise", "--addressSliceMs=1000", "--traces=true");

  private static final String HEADER =
      """
      # What a savepoint of the Kafka job is restored by (SavepointCompatibilityTest): each stateful
      # operator's uid (its full name), state ids, timers and coders, and the classes Java-serialized
      # into the savepoint. For the default job and with %s;
      # a line only some of them have starts with their names.
      """;

  @Test
  void aSavepointOfThePreviousVersionRestores() throws IOException {
    String actual = render();
    if (Boolean.getBoolean(UPDATE)) {
      Files.writeString(EXPECTED, actual, StandardCharsets.UTF_8);
      fail("Wrote " + EXPECTED.toAbsolutePath() + " (-D" + UPDATE + "=true): review its diff, commit it,"
          + " and run this test again without the property.");
    }
    String expected = Files.readString(EXPECTED, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail("An operator's name, state id or coder changed: a savepoint of the previous version will"
          + " not restore. If this is intended, say so in the release notes (README, 'Upgrades') and"
          + " update this file: " + EXPECTED + " (run this test with -D" + UPDATE + "=true).\n"
          + "A class's serialVersionUID is computed from its members unless it declares one: declaring"
          + " the old value keeps a java-serialized class readable.\n"
          + "Lines removed (-) and added (+):\n" + diff(expected, actual));
    }
  }

  /** The lines of every job, a line that not every job has prefixed by the ones that have it. */
  private static String render() {
    Map<String, SortedSet<String>> jobs = new LinkedHashMap<>();
    jobs.put("default", savepointState(kafkaJob()));
    for (String variant : VARIANTS) {
      jobs.put(variant, savepointState(kafkaJob(variant)));
    }
    SortedSet<String> all = new TreeSet<>();
    jobs.values().forEach(all::addAll);
    StringBuilder text = new StringBuilder(HEADER.formatted(String.join(", ", VARIANTS)));
    for (String line : all) {
      List<String> having =
          jobs.keySet().stream().filter(job -> jobs.get(job).contains(line)).toList();
      text.append(having.size() == jobs.size() ? "" : having + " ").append(line).append('\n');
    }
    return text.toString();
  }

  /** The Kafka job as CallchainMain builds it, as the FlinkRunner translates it. */
  private static Pipeline kafkaJob(String... flags) {
    List<String> args = new ArrayList<>(KAFKA_JOB);
    args.addAll(List.of(flags));
    Pipeline job = CallchainMain.build(OptionsReader.read(args.toArray(new String[0]), Map.of()));
    // FlinkRunner.run does this first: KafkaIO's splittable read becomes one primitive Read, the
    // operator whose split holds the offsets. The runner's other overrides (file writes, side
    // input views, splittable DoFns) match nothing in this job.
    SplittableParDo.convertReadBasedSplittableDoFnsToPrimitiveReadsIfNecessary(job);
    return job;
  }

  /** One line per thing a restore depends on, for each operator that holds state in Flink. */
  private static SortedSet<String> savepointState(Pipeline job) {
    SortedSet<String> lines = new TreeSet<>();
    job.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            String uid = node.getFullName();
            if (node.getTransform() instanceof SplittableParDo.PrimitiveUnboundedRead<?> read) {
              UnboundedSource<?, ?> source = read.getSource();
              lines.add(uid + ": read " + source.getClass().getName());
              lines.add(uid + ": checkpoint mark " + describe(source.getCheckpointMarkCoder()));
              // Flink keeps a split of this source, of the same classes, and restores it in place
              // of the job's own.
              lines.addAll(serializedClasses(source));
            } else if (node.getTransform() instanceof ParDo.MultiOutput<?, ?> parDo) {
              DoFn<?, ?> fn = parDo.getFn();
              DoFnSignature signature = DoFnSignatures.getSignature(fn.getClass());
              if (signature.usesState() || signature.usesTimers()) {
                keyedInput(uid, mainInput(node, job), lines);
                statesAndTimers(uid, fn, signature, lines);
              }
            } else if (node.getTransform() instanceof GroupByKey<?, ?>) {
              lines.add(uid + ": group by key");
              keyedInput(uid, mainInput(node, job), lines);
            }
          }
        });
    return lines;
  }

  private static PCollection<?> mainInput(TransformHierarchy.Node node, Pipeline job) {
    return node.toAppliedPTransform(job).getMainInputs().values().iterator().next();
  }

  /** Keyed state lives under the key's encoding, in a namespace of the window's encoding. */
  private static void keyedInput(String uid, PCollection<?> input, SortedSet<String> lines) {
    lines.add(uid + ": input " + describe(input.getCoder()));
    lines.add(uid + ": key " + describe(((KvCoder<?, ?>) input.getCoder()).getKeyCoder()));
    lines.add(uid + ": window " + describe(input.getWindowingStrategy().getWindowFn().windowCoder()));
  }

  private static void statesAndTimers(
      String uid, DoFn<?, ?> fn, DoFnSignature signature, SortedSet<String> lines) {
    signature.stateDeclarations().forEach((id, state) -> {
      StateShape shape = ((StateSpec<?>) fieldOf(fn, state.field())).match(new StateShapes());
      lines.add(uid + ": state " + id + " " + shape.kind() + " " + describe(shape.coders(), " -> "));
      shape.coders().forEach(coder -> lines.addAll(serializedClasses(coder)));
    });
    // By the ids the code declares: the signature's keys carry a prefix of Beam's own.
    signature.timerDeclarations().values().forEach(timer -> lines.add(uid + ": timer "
        + timer.field().getAnnotation(DoFn.TimerId.class).value() + " " + timeDomain(fn, timer.field())));
    signature.timerFamilyDeclarations().values().forEach(family -> lines.add(uid + ": timer family "
        + family.field().getAnnotation(DoFn.TimerFamily.class).value() + " " + timeDomain(fn, family.field())));
  }

  private static TimeDomain timeDomain(DoFn<?, ?> fn, Field timer) {
    return ((TimerSpec) fieldOf(fn, timer)).getTimeDomain();
  }

  /** A @StateId or @TimerId field's value, as the runner reads it (with the coders Beam inferred). */
  private static Object fieldOf(DoFn<?, ?> fn, Field field) {
    try {
      field.setAccessible(true);
      return field.get(fn);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** A coder and its components by class name: its toString may hold an identity hash. */
  private static String describe(Coder<?> coder) {
    List<? extends Coder<?>> components = coder.getCoderArguments();
    return coder.getClass().getName() + (components.isEmpty() ? "" : "<" + describe(components, ", ") + ">");
  }

  private static String describe(List<? extends Coder<?>> coders, String separator) {
    return coders.stream().map(SavepointCompatibilityTest::describe).collect(Collectors.joining(separator));
  }

  /** A state's kind (Flink checks it on restore) and its coders. */
  private record StateShape(String kind, List<Coder<?>> coders) {}

  private static final class StateShapes implements StateSpec.Cases<StateShape> {
    @Override
    public StateShape dispatchValue(Coder<?> value) {
      return new StateShape("value", List.of(value));
    }

    @Override
    public StateShape dispatchBag(Coder<?> element) {
      return new StateShape("bag", List.of(element));
    }

    @Override
    public StateShape dispatchOrderedList(Coder<?> element) {
      return new StateShape("ordered list", List.of(element));
    }

    @Override
    public StateShape dispatchCombining(Combine.CombineFn<?, ?, ?> combineFn, Coder<?> accumulator) {
      return new StateShape("combining " + combineFn.getClass().getName(), List.of(accumulator));
    }

    @Override
    public StateShape dispatchMap(Coder<?> key, Coder<?> value) {
      return new StateShape("map", List.of(key, value));
    }

    @Override
    public StateShape dispatchSet(Coder<?> element) {
      return new StateShape("set", List.of(element));
    }

    @Override
    public StateShape dispatchMultimap(Coder<?> key, Coder<?> value) {
      return new StateShape("multimap", List.of(key, value));
    }
  }

  /**
   * The classes Java serialization writes for {@code object}, with the serialVersionUID a restore
   * checks (computed from a class's fields and methods unless it declares one), and the lambdas it
   * writes, which a restore finds by their generated method names. The JDK's own are left out.
   */
  private static SortedSet<String> serializedClasses(Serializable object) {
    SortedSet<String> types = new TreeSet<>();
    try (ObjectOutputStream out =
        new ObjectOutputStream(OutputStream.nullOutputStream()) {
          {
            enableReplaceObject(true);
          }

          @Override
          protected void writeClassDescriptor(ObjectStreamClass type) throws IOException {
            String name = type.getName();
            if (!name.startsWith("java.") && !name.startsWith("[")) {
              types.add("java-serialized " + name + " serialVersionUID " + type.getSerialVersionUID());
            }
            super.writeClassDescriptor(type);
          }

          @Override
          protected Object replaceObject(Object written) {
            if (written instanceof SerializedLambda lambda) {
              types.add("java-serialized lambda in " + lambda.getCapturingClass().replace('/', '.') + ": "
                  + lambda.getImplClass().replace('/', '.') + "::" + lambda.getImplMethodName());
            }
            return written;
          }
        }) {
      out.writeObject(object);
    } catch (IOException e) {
      throw new AssertionError("cannot serialize " + object, e);
    }
    return types;
  }

  private static String diff(String expected, String actual) {
    List<String> was = expected.lines().toList();
    List<String> is = actual.lines().toList();
    StringBuilder diff = new StringBuilder();
    was.stream().filter(line -> !is.contains(line)).forEach(line -> diff.append("- ").append(line).append('\n'));
    is.stream().filter(line -> !was.contains(line)).forEach(line -> diff.append("+ ").append(line).append('\n'));
    return diff.toString();
  }
}
