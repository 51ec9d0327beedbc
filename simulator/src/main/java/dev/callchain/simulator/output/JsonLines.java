package dev.callchain.simulator.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens JSON Lines destinations: a file, or stdout for "-". */
final class JsonLines {
    private static final String STDOUT = "-";
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonLines() {
    }

    /** A generator that writes no separator of its own: the caller ends each line. */
    static JsonGenerator open(String target, OutputStream stdout) throws IOException {
        boolean toStdout = STDOUT.equals(target);
        OutputStream out = toStdout ? stdout : newFile(Path.of(target));
        JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        generator.setRootValueSeparator(null);
        // Closing must flush stdout, never close it: the summary is printed afterwards.
        generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, !toStdout);
        return generator;
    }

    /** A generator into memory, for one value at a time. */
    static JsonGenerator inMemory(OutputStream buffer) throws IOException {
        JsonGenerator generator = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
        generator.setRootValueSeparator(null);
        return generator;
    }

    private static OutputStream newFile(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new FileOutputStream(path.toFile());
    }
}
