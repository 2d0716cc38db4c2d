package dev.gofetch.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/// Writes every engine event as one JSON object per line (`gofetch download -trace FILE`):
/// `{"ts":<epoch ms>,"event":"requestStart","download":1,"request":7,...}`. The event's fields are
/// those of the {@link TransferListener} records, so no credentials or query strings appear.
/// Buffered; flushed at the end of each download and on {@link #close()}.
public final class JsonTraceWriter implements TransferListener, Closeable {
    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final Writer out;
    private final Clock clock;
    private boolean broken;

    public JsonTraceWriter(Writer out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public JsonTraceWriter(Writer out) {
        this(out, Clock.systemUTC());
    }

    public static JsonTraceWriter toFile(Path file) throws IOException {
        return new JsonTraceWriter(new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 64 * 1024));
    }

    private synchronized void write(String event, Object record, boolean flush) {
        if (broken) {
            return;
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("ts", clock.millis());
        node.put("event", event);
        node.setAll((ObjectNode) JSON.valueToTree(record));
        try {
            out.write(JSON.writeValueAsString(node));
            out.write('\n');
            if (flush) {
                out.flush();
            }
        } catch (IOException e) {
            broken = true;
            throw new java.io.UncheckedIOException("trace write failed; tracing stops", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    @Override
    public void downloadStart(DownloadStarted e) {
        write("downloadStart", e, false);
    }

    @Override
    public void downloadEnd(DownloadEnded e) {
        write("downloadEnd", e, true);
    }

    @Override
    public void requestStart(RequestStarted e) {
        write("requestStart", e, false);
    }

    @Override
    public void responseStart(ResponseStarted e) {
        write("responseStart", e, false);
    }

    @Override
    public void bodyStart(BodyStarted e) {
        write("bodyStart", e, false);
    }

    @Override
    public void bodyProgress(BodyProgress e) {
        write("bodyProgress", e, false);
    }

    @Override
    public void bodyEnd(BodyEnded e) {
        write("bodyEnd", e, false);
    }

    @Override
    public void requestEnd(RequestEnded e) {
        write("requestEnd", e, false);
    }

    @Override
    public void retryStart(RetryStarted e) {
        write("retryStart", e, false);
    }

    @Override
    public void retryEnd(RetryEnded e) {
        write("retryEnd", e, false);
    }

    @Override
    public void mirrorSwitchStart(MirrorSwitchStarted e) {
        write("mirrorSwitchStart", e, false);
    }

    @Override
    public void mirrorSwitchEnd(MirrorSwitchEnded e) {
        write("mirrorSwitchEnd", e, false);
    }

    @Override
    public void rangeSplitStart(RangeSplitStarted e) {
        write("rangeSplitStart", e, false);
    }

    @Override
    public void rangeSplitEnd(RangeSplitEnded e) {
        write("rangeSplitEnd", e, false);
    }

    @Override
    public void pauseStart(PauseStarted e) {
        write("pauseStart", e, true);
    }

    @Override
    public void pauseEnd(PauseEnded e) {
        write("pauseEnd", e, false);
    }

    @Override
    public void resumeStart(ResumeStarted e) {
        write("resumeStart", e, false);
    }

    @Override
    public void resumeEnd(ResumeEnded e) {
        write("resumeEnd", e, false);
    }

    @Override
    public void stallStart(StallStarted e) {
        write("stallStart", e, false);
    }

    @Override
    public void stallEnd(StallEnded e) {
        write("stallEnd", e, false);
    }
}
