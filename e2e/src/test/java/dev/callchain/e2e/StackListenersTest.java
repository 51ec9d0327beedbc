package dev.callchain.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callchain.bench.stack.LocalStack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything {@code scripts/stack} runs listens on the loopback only: every TCP socket its
 * processes listen on (the broker's two listeners; the JobManager's RPC, REST, blob server and
 * metrics query service; each TaskManager's RPC, data and metrics ports, most on ports the OS
 * picks; Zipkin's API and UI) is bound to 127.0.0.1, none to 0.0.0.0 or ::, so nothing of it is reachable from another
 * machine.
 */
class StackListenersTest {
  @TempDir Path work;

  @Test
  void everyListenerOfTheStacksProcessesIsOnTheLoopback() throws Exception {
    try (LocalStack stack = new LocalStack(Repo.root(), work.resolve("stack"))) {
      stack.start();

      Map<String, Long> pids = stack.pids();
      assertEquals(Set.of("kafka", "jobmanager", "taskmanager-1", "taskmanager-2", "zipkin"), pids.keySet());
      List<String> listeners = new ArrayList<>();
      List<String> reachableFromOutside = new ArrayList<>();
      for (Map.Entry<String, Long> process : pids.entrySet()) {
        for (InetSocketAddress socket : ListeningSockets.of(process.getValue())) {
          String listener = process.getKey() + " " + socket.getAddress().getHostAddress() + ":" + socket.getPort();
          listeners.add(listener);
          if (!socket.getAddress().isLoopbackAddress()) {
            reachableFromOutside.add(listener);
          }
        }
      }

      // The ports the stack was given are among them: the sockets were found, not missed.
      assertTrue(listeners.contains("kafka 127.0.0.1:" + stack.kafkaPort), listeners::toString);
      assertTrue(listeners.contains("jobmanager 127.0.0.1:" + stack.restPort), listeners::toString);
      assertTrue(listeners.contains("zipkin 127.0.0.1:" + stack.zipkinPort), listeners::toString);
      for (String taskManager : List.of("taskmanager-1", "taskmanager-2")) {
        assertTrue(listeners.stream().anyMatch(listener -> listener.startsWith(taskManager)), listeners::toString);
      }
      assertEquals(List.of(), reachableFromOutside, "all listeners: " + listeners);
    }
  }

  @Test
  void theKernelsAddressesAreRead() throws Exception {
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080), ListeningSockets.address("0100007F:1F90"));
    assertEquals(
        new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 36687),
        ListeningSockets.address("0000000000000000FFFF00000100007F:8F4F"));
    assertTrue(ListeningSockets.address("00000000:1F90").getAddress().isAnyLocalAddress());
    assertTrue(ListeningSockets.address("00000000000000000000000000000000:1F90").getAddress().isAnyLocalAddress());
    assertTrue(ListeningSockets.address("00000000000000000000000001000000:1F90").getAddress().isLoopbackAddress()); // ::1
  }
}
