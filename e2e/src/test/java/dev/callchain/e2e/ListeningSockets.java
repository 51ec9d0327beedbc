package dev.callchain.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's /proc as {@code ss -ltnp} does, with no
 * tool: the sockets among its open files ({@code /proc/<pid>/fd}, links named {@code
 * socket:[inode]}) found in its network namespace's tables ({@code /proc/<pid>/net/tcp} and
 * {@code tcp6}, which list every process's sockets, by inode).
 */
final class ListeningSockets {
  /** {@code st} of a socket in the tables: TCP_LISTEN. */
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  static List<InetSocketAddress> of(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    Set<String> inodes = socketInodes(proc.resolve("fd"));
    List<InetSocketAddress> listening = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      List<String> rows = Files.readAllLines(proc.resolve("net").resolve(table));
      for (String row : rows.subList(1, rows.size())) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
        String[] fields = row.trim().split("\\s+");
        if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
          listening.add(address(fields[1]));
        }
      }
    }
    return listening;
  }

  private static Set<String> socketInodes(Path fds) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> files = Files.list(fds)) {
      for (Path fd : (Iterable<Path>) files::iterator) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (NoSuchFileException closedMeanwhile) {
          continue;
        }
        if (target.startsWith("socket:[")) {
          inodes.add(target.substring("socket:[".length(), target.length() - 1));
        }
      }
    }
    return inodes;
  }

  /**
   * {@code 0100007F:1F90} (IPv4) or 32 hex digits and a port (IPv6): the address as the kernel
   * holds it, in 32-bit words of the machine's byte order (little-endian here), the port in hex.
   * An IPv4 address mapped into IPv6 ({@code ::ffff:127.0.0.1}, how Java binds by default) comes
   * back as the IPv4 address.
   */
  static InetSocketAddress address(String hex) throws IOException {
    String[] addressAndPort = hex.split(":");
    byte[] words = HexFormat.of().parseHex(addressAndPort[0]);
    byte[] address = new byte[words.length];
    for (int word = 0; word < words.length; word += 4) {
      for (int i = 0; i < 4; i++) {
        address[word + i] = words[word + 3 - i];
      }
    }
    return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(addressAndPort[1], 16));
  }
}
