package dev.callchain.accuracy.traces;

import java.io.PrintStream;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The default {@code --address} for one input: IP when every instance has one, else pod, else
 * service name. When all services share one IP (the media and Node.js apps run on one host) IP
 * would merge them into one address, so the services' names are used instead, and stderr says so.
 */
final class AddressChoice {
  private AddressChoice() {}

  static AddressKind choose(Collection<ServiceInstance> instances, String input, PrintStream err) {
    if (instances.stream().allMatch(instance -> instance.ip() != null)) {
      Set<String> ips = instances.stream().map(ServiceInstance::ip).collect(Collectors.toSet());
      long services = instances.stream().map(ServiceInstance::service).distinct().count();
      if (ips.size() == 1 && services > 1) {
        err.println(input + ": all " + services + " services have the one IP " + ips.iterator().next()
            + ", so calls are addressed by service name");
        return AddressKind.SERVICE;
      }
      return AddressKind.IP;
    }
    return instances.stream().map(ServiceInstance::pod).allMatch(Objects::nonNull) ? AddressKind.POD
        : AddressKind.SERVICE;
  }
}
