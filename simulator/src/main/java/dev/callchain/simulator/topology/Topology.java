package dev.callchain.simulator.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model read from a {@code --topology} file: the services in the file's order, the one the
 * client calls, and how far the hosts' clocks are off.
 */
public record Topology(String entry, Map<String, ServiceSpec> services, ClockOffsets clockOffsets) {
    public Topology {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public ServiceSpec service(String name) {
        return services.get(name);
    }

    public ServiceSpec entryService() {
        return service(entry);
    }

    /** The services in the file's order, which fixes their networks. */
    public List<ServiceSpec> servicesInOrder() {
        return List.copyOf(services.values());
    }
}
