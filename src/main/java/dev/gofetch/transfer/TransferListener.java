package dev.gofetch.transfer;

/// Everything the engine does, as start/end pairs per phase, OkHttp-`EventListener` style. Methods are
/// called on engine threads, in order per download, and must be quick (the trace writer and a UI
/// coalescer are the intended listeners). An exception thrown here is caught and logged once; it never
/// affects a download. URLs are redacted (no user information, no query); headers are never passed.
///
/// Times are in nanoseconds from the engine's {@link Ticker}. `download` numbers downloads of one
/// {@link Downloader}; `request` numbers its HTTP requests (a redirect hop is a new request).
///
/// The JDK HTTP client does not expose connection set-up, so the first-byte phase
/// (request sent → response headers) includes any connect and TLS time; connection failures are
/// reported as such in {@link RequestEnded#error()}.
public interface TransferListener {

    TransferListener NONE = new TransferListener() {};

    record DownloadStarted(int download, String label, String dest, long resumedBytes, String journal) {}

    /// @param outcome "ok", "failed" or "cancelled"
    record DownloadEnded(int download, String label, String outcome, long length, long bytesReceived,
                         int requests, long nanos, String error) {}

    /// @param rangeStart first byte asked for, -1 when no Range header was sent
    /// @param rangeEnd   end (exclusive) of the range asked for, -1 when open-ended
    /// @param why        "probe", "range", "split", "retry", "stall", "resume", "single-stream", "redirect"
    record RequestStarted(int download, long request, String mirror, String url, long rangeStart, long rangeEnd,
                          String why) {}

    /// End of the first-byte phase.
    record ResponseStarted(int download, long request, int status, String protocol, long firstByteNanos) {}

    record BodyStarted(int download, long request, long start, long end) {}

    record BodyProgress(int download, long request, long bytes, long nanos) {}

    record BodyEnded(int download, long request, long bytes, long nanos) {}

    /// @param outcome "ok" (range done), "cut" (range shortened by a split or taken over), "redirect",
    ///                "cancelled" (pause, cancel), "stalled", "failed"
    record RequestEnded(int download, long request, String outcome, long bytes, long nanos, String error) {}

    record RetryStarted(int download, int attempt, long delayNanos, String error) {}

    record RetryEnded(int download, int attempt, long waitedNanos) {}

    record MirrorSwitchStarted(int download, String from, String to, String reason) {}

    /// @param result "continued" (same length: remaining ranges from the new mirror) or "restarted"
    record MirrorSwitchEnded(int download, String to, String result, long nanos) {}

    /// A free connection took over [start, end) from request `from`.
    record RangeSplitStarted(int download, long from, long start, long end) {}

    /// The taken-over range's request got its first byte (ok) or failed before it.
    record RangeSplitEnded(int download, long request, long start, long end, boolean ok, long nanos) {}

    record PauseStarted(int download, long completedBytes) {}

    record PauseEnded(int download, long nanos) {}

    record ResumeStarted(int download, long completedBytes) {}

    /// Bytes flow again (or the download ended).
    record ResumeEnded(int download, long nanos) {}

    /// @param kind "no-data" (nothing received for the stall timeout) or "slow" (far below the other
    ///             connections of the file)
    record StallStarted(int download, long request, String kind, long rangeStart, long rangeEnd,
                        double bytesPerSecond, double othersBytesPerSecond) {}

    /// The dropped range flows again on a new connection (or the download ended).
    record StallEnded(int download, long request, long nanos) {}

    default void downloadStart(DownloadStarted e) {}

    default void downloadEnd(DownloadEnded e) {}

    default void requestStart(RequestStarted e) {}

    default void responseStart(ResponseStarted e) {}

    default void bodyStart(BodyStarted e) {}

    default void bodyProgress(BodyProgress e) {}

    default void bodyEnd(BodyEnded e) {}

    default void requestEnd(RequestEnded e) {}

    default void retryStart(RetryStarted e) {}

    default void retryEnd(RetryEnded e) {}

    default void mirrorSwitchStart(MirrorSwitchStarted e) {}

    default void mirrorSwitchEnd(MirrorSwitchEnded e) {}

    default void rangeSplitStart(RangeSplitStarted e) {}

    default void rangeSplitEnd(RangeSplitEnded e) {}

    default void pauseStart(PauseStarted e) {}

    default void pauseEnd(PauseEnded e) {}

    default void resumeStart(ResumeStarted e) {}

    default void resumeEnd(ResumeEnded e) {}

    default void stallStart(StallStarted e) {}

    default void stallEnd(StallEnded e) {}
}
