package dev.gofetch.proxy;

/// A value together with the mirror that served it (shown in security errors and the app).
public record Fetched<T>(T value, String mirror) {}
