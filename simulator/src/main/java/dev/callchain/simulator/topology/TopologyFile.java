package dev.callchain.simulator.topology;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callchain.simulator.model.AddressPool;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code --topology} file (format in {@code SimulatorOptions} and the README) and checks
 * it: every problem is reported as a {@link BadTopologyException} naming the field at fault.
 */
public final class TopologyFile {
    /** Service k (from 1, in the file's order) has the network 10.k.0.x; the client has 10.0.0.x. */
    private static final int MAX_SERVICES = 254;
    private static final int MAX_INSTANCES = 256;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TopologyFile() {
    }

    public static Topology read(Path file) throws BadTopologyException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new BadTopologyException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadTopologyException("cannot read it: " + e.getMessage());
        }
        return topology(root);
    }

    private static Topology topology(JsonNode root) throws BadTopologyException {
        object(root, "the file", List.of("entry", "services", "clock_offset_ms"));
        JsonNode servicesNode = object(root.get("services"), "services", null);
        if (servicesNode.isEmpty() || servicesNode.size() > MAX_SERVICES) {
            throw new BadTopologyException("services: expected 1 to " + MAX_SERVICES + " services, got "
                    + servicesNode.size());
        }
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = servicesNode.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String prefix = "10." + (services.size() + 1) + ".0.";
            services.put(field.getKey(), service(field.getKey(), prefix, field.getValue(), servicesNode));
        }
        String entry = text(root.get("entry"), "entry");
        if (!services.containsKey(entry)) {
            throw new BadTopologyException("entry: no service named '" + entry + "'");
        }
        rejectCycles(services);
        JsonNode offsets = root.get("clock_offset_ms");
        Topology withoutOffsets = new Topology(entry, services, ClockOffsets.NONE);
        // Only now are the hosts known that an offset may be given for.
        return offsets == null ? withoutOffsets
                : new Topology(entry, services, clockOffsets(offsets, new HashSet<>(withoutOffsets.hosts())));
    }

    private static ServiceSpec service(String name, String prefix, JsonNode node, JsonNode allServices)
            throws BadTopologyException {
        String where = "services." + name;
        object(node, where, List.of("instances", "work_ms", "calls"));
        int instances = (int) whole(node.get("instances"), where + ".instances", 1, MAX_INSTANCES);
        WorkTime work = workTime(node.get("work_ms"), where + ".work_ms");
        JsonNode calls = node.get("calls");
        CallPlan plan = calls == null ? CallPlan.NONE : callPlan(calls, where + ".calls", allServices);
        return new ServiceSpec(new AddressPool(prefix, instances), work, plan);
    }

    private static WorkTime workTime(JsonNode node, String where) throws BadTopologyException {
        object(node, where, List.of("fixed", "lognormal"));
        if (node.size() != 1) {
            throw new BadTopologyException(where + ": expected exactly one of fixed, lognormal");
        }
        if (node.has("fixed")) {
            return new WorkTime.Fixed(nonNegative(node.get("fixed"), where + ".fixed"));
        }
        JsonNode logNormal = object(node.get("lognormal"), where + ".lognormal", List.of("median", "sigma"));
        double median = nonNegative(logNormal.get("median"), where + ".lognormal.median");
        if (median == 0) {
            throw new BadTopologyException(where + ".lognormal.median: expected a number > 0");
        }
        return new WorkTime.LogNormal(median, nonNegative(logNormal.get("sigma"), where + ".lognormal.sigma"));
    }

    private static CallPlan callPlan(JsonNode node, String where, JsonNode allServices) throws BadTopologyException {
        object(node, where, List.of("mode", "gap_us", "to"));
        String mode = text(node.get("mode"), where + ".mode");
        CallPlan.FanOut fanOut = switch (mode) {
            case "sequential" -> CallPlan.FanOut.SEQUENTIAL;
            case "parallel" -> CallPlan.FanOut.PARALLEL;
            default -> throw new BadTopologyException(where + ".mode: expected sequential or parallel, got '"
                    + mode + "'");
        };
        if (fanOut == CallPlan.FanOut.PARALLEL && node.has("gap_us")) {
            throw new BadTopologyException(where + ".gap_us: only sequential calls have a gap");
        }
        double gapMs = node.has("gap_us") ? nonNegative(node.get("gap_us"), where + ".gap_us") / 1000 : 0;
        JsonNode to = node.get("to");
        if (to == null || !to.isArray() || to.isEmpty()) {
            throw new BadTopologyException(where + ".to: expected a non-empty array of {service, times}");
        }
        List<String> callees = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            String target = where + ".to[" + i + "]";
            JsonNode destination = object(to.get(i), target, List.of("service", "times"));
            String callee = text(destination.get("service"), target + ".service");
            if (!allServices.has(callee)) {
                throw new BadTopologyException(target + ".service: no service named '" + callee + "'");
            }
            long times = destination.has("times") ? whole(destination.get("times"), target + ".times", 1, 1000) : 1;
            for (long n = 0; n < times; n++) {
                callees.add(callee);
            }
        }
        return new CallPlan(fanOut, gapMs, callees);
    }

    private static ClockOffsets clockOffsets(JsonNode node, Set<String> hosts) throws BadTopologyException {
        object(node, "clock_offset_ms", List.of("max", "hosts"));
        double max = node.has("max") ? nonNegative(node.get("max"), "clock_offset_ms.max") : 0;
        Map<String, Double> fixed = new HashMap<>();
        if (node.has("hosts")) {
            Iterator<Map.Entry<String, JsonNode>> fields = object(node.get("hosts"), "clock_offset_ms.hosts", null)
                    .fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> host = fields.next();
                String where = "clock_offset_ms.hosts." + host.getKey();
                if (!hosts.contains(host.getKey())) {
                    throw new BadTopologyException(where + ": no such host in this topology");
                }
                fixed.put(host.getKey(), number(host.getValue(), where));
            }
        }
        return new ClockOffsets(max, fixed);
    }

    /** A call to a service that (indirectly) calls its caller would never return. */
    private static void rejectCycles(Map<String, ServiceSpec> services) throws BadTopologyException {
        Set<String> done = new HashSet<>();
        for (String service : services.keySet()) {
            visit(service, services, new ArrayList<>(), done);
        }
    }

    private static void visit(String service, Map<String, ServiceSpec> services, List<String> path, Set<String> done)
            throws BadTopologyException {
        if (path.contains(service)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(service), path.size()));
            cycle.add(service);
            throw new BadTopologyException("services: calls form a cycle: " + String.join(" -> ", cycle));
        }
        if (!done.add(service)) {
            return;
        }
        path.add(service);
        for (String callee : new HashSet<>(services.get(service).calls().callees())) {
            visit(callee, services, path, done);
        }
        path.remove(path.size() - 1);
    }

    /** {@code node} as an object with only {@code allowed} fields (any fields when null). */
    private static JsonNode object(JsonNode node, String where, List<String> allowed) throws BadTopologyException {
        if (node == null || !node.isObject()) {
            throw new BadTopologyException(where + ": expected a JSON object");
        }
        if (allowed != null) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new BadTopologyException(where + ": unknown field '" + name + "' (expected "
                            + String.join(", ", allowed) + ")");
                }
            }
        }
        return node;
    }

    private static double number(JsonNode node, String where) throws BadTopologyException {
        if (node == null) {
            throw new BadTopologyException(where + ": missing");
        }
        if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
            throw new BadTopologyException(where + ": expected a number, got " + node);
        }
        return node.doubleValue();
    }

    private static double nonNegative(JsonNode node, String where) throws BadTopologyException {
        double value = number(node, where);
        if (value < 0) {
            throw new BadTopologyException(where + ": expected a number >= 0, got " + node);
        }
        return value;
    }

    private static long whole(JsonNode node, String where, long min, long max) throws BadTopologyException {
        if (node == null) {
            throw new BadTopologyException(where + ": missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw new BadTopologyException(where + ": expected a whole number from " + min + " to " + max
                    + ", got " + node);
        }
        return node.longValue();
    }

    private static String text(JsonNode node, String where) throws BadTopologyException {
        if (node == null) {
            throw new BadTopologyException(where + ": missing");
        }
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new BadTopologyException(where + ": expected a non-empty string, got " + node);
        }
        return node.asText();
    }
}
