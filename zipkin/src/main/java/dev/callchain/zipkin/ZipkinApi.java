package dev.callchain.zipkin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Zipkin's query API (v2), read into typed records. */
public final class ZipkinApi {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<List<Span>>> TRACES = new TypeReference<>() {};
  private static final TypeReference<List<Span>> TRACE = new TypeReference<>() {};
  private static final TypeReference<List<DependencyLink>> LINKS = new TypeReference<>() {};

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public ZipkinApi(URI base) {
    this.base = base;
  }

  /** {@code /health}'s status: UP once storage and collectors are ready. */
  public String health() throws IOException, InterruptedException {
    return JSON.readTree(get("/health", true).body()).path("status").asText();
  }

  /** The newest traces (at most {@code limit}) that started within {@code lookback} of now. */
  public List<List<Span>> traces(int limit, Duration lookback) throws IOException, InterruptedException {
    return JSON.readValue(get("/api/v2/traces?limit=" + limit + "&lookback=" + lookback.toMillis(), false).body(), TRACES);
  }

  /** The spans of one trace; none when Zipkin has not seen it. */
  public List<Span> trace(String traceId) throws IOException, InterruptedException {
    HttpResponse<String> answer = get("/api/v2/trace/" + traceId, true);
    if (answer.statusCode() == 404) {
      return List.of();
    }
    return JSON.readValue(checked(answer).body(), TRACE);
  }

  /** The service graph of the spans in {@code lookback} before {@code end}. */
  public List<DependencyLink> dependencies(Instant end, Duration lookback) throws IOException, InterruptedException {
    String query = "/api/v2/dependencies?endTs=" + end.toEpochMilli() + "&lookback=" + lookback.toMillis();
    return JSON.readValue(get(query, false).body(), LINKS);
  }

  /** {@code anyStatus}: the caller reads the status itself (a 404 trace, a DOWN health). */
  private HttpResponse<String> get(String pathAndQuery, boolean anyStatus) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT).GET().build();
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    return anyStatus ? answer : checked(answer);
  }

  private static HttpResponse<String> checked(HttpResponse<String> answer) throws IOException {
    if (answer.statusCode() != 200) {
      throw new IOException("Zipkin answered " + answer.statusCode() + " to " + answer.uri() + ": " + answer.body());
    }
    return answer;
  }
}
