package dev.callchain.accuracy.traces;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a span's operation name reads like a call out of its own service, for traces without
 * span kinds: a gRPC method of another service ({@code hipstershop.CartService/GetCart} on the
 * frontend, but not {@code hipstershop.CurrencyService/GetCurrencyData} inside currencyservice),
 * an HTTP client request ({@code HTTP GET}), or a database or cache command: SQL statements
 * ({@code SELECT ts.orders}), Go's {@code sql.conn.*}, and the media app's {@code Mmc*},
 * {@code Redis*}, {@code Mongo*}. ORM and row-reading spans ({@code sql.rows},
 * {@code Session.merge}, {@code Transaction.commit}) stay internal: they are not one round trip.
 */
final class RemoteOperation {
  /** {@code [/][grpc.]package.Service/Method}; group 1 is the service. */
  private static final Pattern GRPC_METHOD = Pattern.compile("/?(?:grpc\\.)?(?:\\w+\\.)*(\\w+)/\\w+");
  private static final Pattern HTTP_CLIENT = Pattern.compile("HTTP (?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)");
  private static final Pattern STORE_COMMAND = Pattern.compile(
      "(?i)(?:(?:select|insert|update|delete|upsert|replace)\\s|sql\\.conn\\.|mmc|memcache|redis|mongo)");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]");

  private RemoteOperation() {}

  static boolean looksRemote(Span span) {
    String operation = span.operation().trim();
    Matcher grpc = GRPC_METHOD.matcher(operation);
    if (grpc.matches()) {
      return !sameService(grpc.group(1), span.instance().service());
    }
    return HTTP_CLIENT.matcher(operation).matches() || STORE_COMMAND.matcher(operation).lookingAt();
  }

  /** {@code CartService} is {@code cartservice}; {@code Frontend} is {@code frontend-external}. */
  private static boolean sameService(String grpcService, String service) {
    String method = squash(grpcService);
    String own = squash(service);
    return own.contains(method) || method.contains(own);
  }

  private static String squash(String name) {
    return NOT_ALPHANUMERIC.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("");
  }
}
