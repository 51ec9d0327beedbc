package dev.callchain.accuracy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the sweeps run from: the directory that holds {@code runner-configs/}. */
final class RepoRoot {
  private RepoRoot() {}

  /** {@code --repo} when given, else the nearest directory up from the working directory. */
  static Path find(String given) {
    if (given != null) {
      Path repo = Path.of(given).toAbsolutePath().normalize();
      if (!Files.isDirectory(repo.resolve("runner-configs"))) {
        throw new Flags.UsageException("--repo " + given + " has no runner-configs/ directory");
      }
      return repo;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("runner-configs"))) {
        return dir;
      }
    }
    throw new Flags.UsageException(
        "no runner-configs/ above the working directory: run inside the checkout or give --repo DIR");
  }

  static Path flinkEmbeddedConfig(Path repo) {
    return repo.resolve("runner-configs/flink-embedded.conf");
  }
}
