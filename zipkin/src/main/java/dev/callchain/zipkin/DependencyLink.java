package dev.callchain.zipkin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An edge of Zipkin's service graph: {@code parent} called {@code child} that many times. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DependencyLink(String parent, String child, long callCount, long errorCount) {}
