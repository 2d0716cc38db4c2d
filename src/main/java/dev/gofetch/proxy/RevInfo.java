package dev.gofetch.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/// The `.info` answer: a canonical version, its commit time (null when the proxy sent none), and the
/// optional `Origin` object passed through as the proxy sent it.
public record RevInfo(String version, Instant time, JsonNode origin) {}
