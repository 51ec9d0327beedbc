package dev.callchain.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, where the deployment files and scripts are. */
final class Repo {
  private Repo() {}

  static Path root() {
    String configured = System.getProperty("callchain.repo");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
    if (!Files.exists(root.resolve("docker-compose.yml"))) {
      throw new IllegalStateException("cannot find the repository root from " + root);
    }
    return root;
  }
}
