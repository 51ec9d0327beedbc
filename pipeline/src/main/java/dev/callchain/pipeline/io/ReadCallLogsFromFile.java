package dev.callchain.pipeline.io;

import dev.callchain.pipeline.CallchainMetrics;
import dev.callchain.pipeline.model.CallLog;
import dev.callchain.pipeline.model.Origin;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads call logs from JSON Lines files (a bounded input), one per line, remembering file and line
 * for the dead letters. Blank lines hold no record; they are skipped and counted.
 */
public final class ReadCallLogsFromFile extends PTransform<PBegin, PCollection<CallLog>> {
  private final String filepattern;

  public ReadCallLogsFromFile(String filepattern) {
    this.filepattern = filepattern;
  }

  @Override
  public PCollection<CallLog> expand(PBegin begin) {
    return begin
        .apply("MatchFiles", FileIO.match().filepattern(filepattern))
        .apply("OpenFiles", FileIO.readMatches())
        .apply("ReadLines", ParDo.of(new ReadLinesFn()));
  }

  static final class ReadLinesFn extends DoFn<FileIO.ReadableFile, CallLog> {
    private final Counter blankLines = CallchainMetrics.counter(CallchainMetrics.BLANK_LINES);

    @ProcessElement
    public void processElement(@Element FileIO.ReadableFile file, OutputReceiver<CallLog> out)
        throws IOException {
      String path = file.getMetadata().resourceId().toString();
      try (InputStream in = new BufferedInputStream(Channels.newInputStream(file.open()), 1 << 16)) {
        ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        long number = 0;
        int b;
        while ((b = in.read()) != -1) {
          if (b == '\n') {
            emit(line, path, ++number, out);
          } else {
            line.write(b);
          }
        }
        if (line.size() > 0) {
          emit(line, path, ++number, out);
        }
      }
    }

    private void emit(ByteArrayOutputStream line, String path, long number, OutputReceiver<CallLog> out) {
      byte[] bytes = line.toByteArray();
      line.reset();
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\r') {
        length--;
      }
      if (isBlank(bytes, length)) {
        blankLines.inc();
        return;
      }
      byte[] value = length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
      out.output(new CallLog(value, Origin.file(path, number)));
    }

    private static boolean isBlank(byte[] bytes, int length) {
      for (int i = 0; i < length; i++) {
        if (bytes[i] != ' ' && bytes[i] != '\t') {
          return false;
        }
      }
      return true;
    }
  }
}
