package dev.callchain.pipeline.spans;

/**
 * Whether an address (a call's src_ip or dst_ip, any string) is an IP literal, and of which
 * family: spans carry an endpoint's IP only when it is one. Parsed by hand, never by {@link
 * java.net.InetAddress}, which looks up what it cannot parse as a host name.
 */
public enum IpLiteral {
  IPV4,
  IPV6,
  /** A host name, or anything else. */
  NONE;

  private static final int IPV6_GROUPS = 8;

  public static IpLiteral of(String address) {
    if (isIpv4(address)) {
      return IPV4;
    }
    return address.indexOf(':') >= 0 && isIpv6(address) ? IPV6 : NONE;
  }

  /** Dotted decimal: four numbers of 0-255. */
  private static boolean isIpv4(String address) {
    String[] octets = address.split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** RFC 4291 §2.2: eight groups of 1-4 hex digits, one "::" for a run of zero groups, an IPv4 tail. */
  private static boolean isIpv6(String address) {
    String[] sides = address.split("::", -1);
    if (sides.length > 2) {
      return false;
    }
    if (sides.length == 1) {
      return groups(sides[0], true) == IPV6_GROUPS;
    }
    int before = groups(sides[0], false);
    int after = groups(sides[1], true);
    return before >= 0 && after >= 0 && before + after < IPV6_GROUPS;
  }

  /** How many 16-bit groups {@code part} holds (an IPv4 tail is two), or -1 when it is not groups. */
  private static int groups(String part, boolean ipv4Tail) {
    if (part.isEmpty()) {
      return 0;
    }
    String[] groups = part.split(":", -1);
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      if (ipv4Tail && i == groups.length - 1 && isIpv4(group)) {
        count += 2;
      } else if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(IpLiteral::isHexDigit)) {
        return -1;
      } else {
        count++;
      }
    }
    return count;
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
