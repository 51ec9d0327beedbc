package dev.callchain.simulator.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model read from a {@code --topology} file: the services in the file's order, the one the
 * client calls, and how far the hosts' clocks are off.
 */
public record Topology(String entry, Map<String, ServiceSpec> services, ClockOffsets clockOffsets) {
    /** The client's one address; the services' networks follow it (10.1.0.x, 10.2.0.x, ...). */
    public static final String CLIENT_ADDRESS = "10.0.0.0";

    public Topology {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public ServiceSpec service(String name) {
        return services.get(name);
    }

    public ServiceSpec entryService() {
        return service(entry);
    }

    /** Every address, the client's first, then each service's instances in the file's order. */
    public List<String> hosts() {
        List<String> hosts = new ArrayList<>(List.of(CLIENT_ADDRESS));
        services.values().forEach(service -> hosts.addAll(service.instances().addresses()));
        return hosts;
    }
}
