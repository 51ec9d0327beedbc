package dev.callchain.pipeline.spans;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zipkin2.Endpoint;

/** An endpoint's IP is written only when Zipkin takes it for one, of the family Zipkin says. */
class IpLiteralTest {
  @ParameterizedTest
  @CsvSource({
    "10.1.0.5, IPV4",
    "255.255.255.255, IPV4",
    "256.1.1.1, NONE",
    "10.1.0, NONE",
    "10.1.0.5., NONE",
    "db.internal, NONE",
    "frontend, NONE",
    "2001:db8::1, IPV6",
    "::1, IPV6",
    "::, IPV6",
    "fe80:0:0:0:200:f8ff:fe21:67cf, IPV6",
    "1:2:3:4:5:6:7:8:9, NONE",
    "1::2::3, NONE",
    "2001:db8:::1, NONE",
    "12345::1, NONE",
    "g::1, NONE",
    ":1, NONE",
    "host:8080, NONE",
  })
  void familiesAsZipkinSeesThem(String address, IpLiteral expected) {
    assertEquals(expected, IpLiteral.of(address));
    Endpoint.Builder zipkin = Endpoint.newBuilder();
    assertEquals(expected != IpLiteral.NONE, zipkin.parseIp(address), "zipkin on " + address);
    Endpoint endpoint = zipkin.build();
    if (expected == IpLiteral.IPV4) {
      assertEquals(address, endpoint.ipv4());
    } else if (expected == IpLiteral.IPV6) {
      assertEquals(IpLiteral.IPV6, IpLiteral.of(endpoint.ipv6()));
    }
  }
}
