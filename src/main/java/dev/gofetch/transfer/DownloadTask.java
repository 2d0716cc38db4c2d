package dev.gofetch.transfer;

import dev.gofetch.transfer.DownloadException.Kind;
import dev.gofetch.transfer.HttpMessages.ContentRange;
import dev.gofetch.transfer.HttpMessages.Validator;
import dev.gofetch.transfer.TransferListener.BodyEnded;
import dev.gofetch.transfer.TransferListener.BodyProgress;
import dev.gofetch.transfer.TransferListener.BodyStarted;
import dev.gofetch.transfer.TransferListener.DownloadEnded;
import dev.gofetch.transfer.TransferListener.DownloadStarted;
import dev.gofetch.transfer.TransferListener.MirrorSwitchEnded;
import dev.gofetch.transfer.TransferListener.MirrorSwitchStarted;
import dev.gofetch.transfer.TransferListener.PauseEnded;
import dev.gofetch.transfer.TransferListener.PauseStarted;
import dev.gofetch.transfer.TransferListener.RangeSplitEnded;
import dev.gofetch.transfer.TransferListener.RangeSplitStarted;
import dev.gofetch.transfer.TransferListener.RequestEnded;
import dev.gofetch.transfer.TransferListener.RequestStarted;
import dev.gofetch.transfer.TransferListener.ResponseStarted;
import dev.gofetch.transfer.TransferListener.ResumeEnded;
import dev.gofetch.transfer.TransferListener.ResumeStarted;
import dev.gofetch.transfer.TransferListener.RetryEnded;
import dev.gofetch.transfer.TransferListener.RetryStarted;
import dev.gofetch.transfer.TransferListener.StallEnded;
import dev.gofetch.transfer.TransferListener.StallStarted;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/// One download: its plan (which byte ranges are done, which connection fetches what), its
/// connections and its journal. All state is guarded by the task's monitor; network sends, connection
/// cancels and listener calls are queued while it is held and run after it is released, in order.
final class DownloadTask implements DownloadHandle {
    private static final System.Logger LOG = System.getLogger(DownloadTask.class.getName());
    /// The end of a range whose end is not known yet.
    static final long OPEN = Long.MAX_VALUE;
    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_ERROR_BODY = 16 * 1024;
    private static final String USER_AGENT = "gofetch";

    private final Downloader engine;
    private final TransferOptions opt;
    private final int id;
    private final DownloadRequest request;
    private final List<Candidate> candidates;
    private final Path dataPath;
    private final Path journalPath;
    private final Path journalScratch;
    private final CompletableFuture<DownloadResult> result = new CompletableFuture<>();
    private final Object journalLock = new Object();
    private final ReentrantLock drainLock = new ReentrantLock();
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();

    // ---- guarded by this
    private State state = State.RUNNING;
    private boolean opened;
    private FileChannel data;
    private int mirrorIndex;
    private URI effectiveUrl;
    private boolean probed;
    private boolean redirectTargetRetried;
    private String validatorMirror = "";
    private long length = -1;
    private Validator validator = Validator.NONE;
    private boolean rangesSupported;
    private boolean singleStream;
    private boolean ignoreValidators;
    private boolean fromOneMirror;
    private final IntervalSet completed = new IntervalSet();
    private int generation;
    private final List<Conn> conns = new ArrayList<>();
    /// Connections with a write to the data file under way (outside the monitor).
    private final java.util.Set<Conn> writing = new java.util.HashSet<>();
    private int failuresInRow;
    private long backoffUntil;
    private boolean retryTimerSet;
    private int retryAttempt;
    private long retryStartedAt = -1;
    private DownloadException bestError;
    private int entityRestarts;
    private boolean rejectedOnce;
    private final long startedAt;
    private long bytesReceived;
    private int requests;
    private final Map<String, Long> bytesByMirror = new HashMap<>();
    private String journalNote = "none";
    private boolean journalDirty;
    private long lastJournalAt;
    private long pausedAt = -1;
    private long resumeStartedAt = -1;
    private long switchStartedAt = -1;
    private String switchTo;
    private final List<long[]> pendingStalls = new ArrayList<>();
    private final List<Runnable> onQuiet = new ArrayList<>();
    /// Speeds of this file's last finished connections, for judging slow ones.
    private final double[] recentRates = new double[4];
    private int recentCount;

    DownloadTask(Downloader engine, int id, DownloadRequest request) {
        this.engine = engine;
        this.opt = engine.options();
        this.id = id;
        this.request = request;
        this.candidates = request.candidates();
        this.dataPath = request.dataFile();
        this.journalPath = request.journalFile();
        this.journalScratch = request.journalScratchFile();
        this.startedAt = engine.ticker().nanos();
        this.effectiveUrl = candidates.get(0).url();
    }

    int id() {
        return id;
    }

    Path dest() {
        return request.dest();
    }

    // ------------------------------------------------------------------------------------------
    // Public handle

    @Override
    public CompletableFuture<DownloadResult> result() {
        return result;
    }

    @Override
    public void pause() {
        synchronized (this) {
            if (state != State.RUNNING) {
                return;
            }
            state = State.PAUSED;
            pausedAt = now();
            abortAll("cancelled", null);
            engine.budget().cancelWait(this);
            emit(TransferListener::pauseStart, new PauseStarted(id, completed.covered()));
            journalDirty = true;
            later(this::saveJournalQuietly);
        }
        drain();
    }

    @Override
    public void resume() {
        synchronized (this) {
            if (state != State.PAUSED) {
                return;
            }
            state = State.RUNNING;
            long t = now();
            emit(TransferListener::pauseEnd, new PauseEnded(id, t - pausedAt));
            emit(TransferListener::resumeStart, new ResumeStarted(id, completed.covered()));
            resumeStartedAt = t;
            pausedAt = -1;
            pump();
        }
        drain();
    }

    @Override
    public void cancel(boolean discard) {
        synchronized (this) {
            if (isTerminal()) {
                return;
            }
            state = State.CANCELLED;
            abortAll("cancelled", null);
            engine.budget().cancelWait(this);
            later(() -> closeAfterCancel(discard));
        }
        drain();
    }

    @Override
    public synchronized Progress progress() {
        List<Connection> list = new ArrayList<>();
        for (Conn c : conns) {
            if (!c.aborted) {
                list.add(new Connection(c.id, c.mirror.mirror(), c.start, c.pos, c.end == OPEN ? -1 : c.end, c.rate));
            }
        }
        return new Progress(state, length, completed.covered(), completed.ranges(), list, mirror().mirror());
    }

    // ------------------------------------------------------------------------------------------
    // Start: journal and data file

    void start() {
        engine.io().execute(() -> {
            try {
                synchronized (journalLock) {
                    openFiles();
                }
            } catch (IOException e) {
                synchronized (this) {
                    fail(new DownloadException(Kind.LOCAL_IO, "open " + dataPath + ": " + e.getMessage(), 0, null, e));
                }
                drain();
                return;
            }
            FileChannel orphan = null;
            synchronized (this) {
                if (isTerminal()) {
                    orphan = data; // cancelled while the files were being opened
                    data = null;
                }
            }
            if (orphan != null) {
                try {
                    orphan.close();
                } catch (IOException ignored) {
                    // nothing was written
                }
                return;
            }
            synchronized (this) {
                opened = true;
                emit(TransferListener::downloadStart, new DownloadStarted(id, request.label(),
                        request.dest().toString(), completed.covered(), journalNote));
                if (state == State.RUNNING) {
                    pump();
                }
            }
            drain();
        });
    }

    private void openFiles() throws IOException {
        Path parent = request.dest().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Journal.State restored = null;
        String note;
        if (request.wholeFromOneMirror()) {
            note = "discarded: whole file requested";
        } else {
            try {
                restored = Journal.read(journalPath);
                if (restored == null) {
                    note = "none";
                } else if (!restored.destName().equals(request.dest().getFileName().toString())) {
                    note = "discarded: journal belongs to " + restored.destName();
                    restored = null;
                } else if (!Files.isRegularFile(dataPath)) {
                    note = "discarded: data file missing";
                    restored = null;
                } else {
                    long maxEnd = restored.completed().isEmpty() ? 0
                            : restored.completed().get(restored.completed().size() - 1).end();
                    if (Files.size(dataPath) < maxEnd) {
                        note = "discarded: data file shorter than the journal claims";
                        restored = null;
                    } else {
                        note = "resumed";
                    }
                }
            } catch (Journal.Unusable e) {
                note = "discarded: " + e.getMessage();
            }
        }
        if (restored == null) {
            Files.deleteIfExists(journalPath);
            Files.deleteIfExists(dataPath);
        }
        Files.deleteIfExists(journalScratch);
        FileChannel ch = FileChannel.open(dataPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        synchronized (this) {
            data = ch;
            journalNote = note;
            fromOneMirror = request.wholeFromOneMirror();
            if (restored != null) {
                length = restored.length();
                validator = new Validator(restored.etag(), restored.lastModified());
                validatorMirror = restored.mirror();
                for (ByteRange r : restored.completed()) {
                    completed.add(r.start(), r.end());
                }
                if (completed.covered() > 0) {
                    bytesByMirror.put("journal", completed.covered());
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Planning

    /// What a new connection should fetch; a split takes [start, end) from victim once a connection
    /// slot is granted.
    private record Work(long start, long end, boolean range, String why, Conn victim) {
        long splitFrom() {
            return victim == null ? -1 : victim.id;
        }
    }

    private Candidate mirror() {
        return candidates.get(mirrorIndex);
    }

    /// Starts as many connections as the plan, the per-file limit and the shared budget allow.
    private void pump() {
        if (state != State.RUNNING || !opened) {
            return;
        }
        if (isComplete()) {
            finish();
            return;
        }
        long t = now();
        if (backoffUntil > t) {
            if (!retryTimerSet) {
                retryTimerSet = true;
                engine.scheduler().schedule(this::retryTimerFired, backoffUntil - t, TimeUnit.NANOSECONDS);
            }
            return;
        }
        while (true) {
            int limit = !probed || singleStream || length < 0 ? 1 : opt.maxConnectionsPerFile();
            if (activeCount() >= limit) {
                return;
            }
            Work w = nextWork(limit - activeCount());
            if (w == null) {
                return;
            }
            ConnectionBudget.Permit permit = engine.budget().tryAcquire(mirror().mirror());
            if (permit == null) {
                engine.budget().awaitSlot(this, mirror().mirror(), this::pumpFromOutside);
                return;
            }
            if (w.victim() != null) {
                w.victim().end = w.start();
                emit(TransferListener::rangeSplitStart, new RangeSplitStarted(id, w.victim().id, w.start(), w.end()));
            }
            startConn(w, permit);
        }
    }

    private void pumpFromOutside() {
        synchronized (this) {
            pump();
        }
        drain();
    }

    private void retryTimerFired() {
        synchronized (this) {
            retryTimerSet = false;
            pump();
        }
        drain();
    }

    private int activeCount() {
        int n = 0;
        for (Conn c : conns) {
            if (!c.aborted) {
                n++;
            }
        }
        return n;
    }

    /// @param freeSlots connections this file may still open now (at least 1)
    private Work nextWork(int freeSlots) {
        if (!probed) {
            if (length < 0) {
                boolean askRange = !singleStream && !ignoreValidators;
                return new Work(0, OPEN, askRange, "probe", null);
            }
            List<ByteRange> gaps = unownedGaps();
            if (gaps.isEmpty()) {
                return null;
            }
            ByteRange g = gaps.get(0);
            return new Work(g.start(), g.end(), !singleStream && !ignoreValidators, completed.isEmpty() ? "probe" : "resume", null);
        }
        if (singleStream || length < 0) {
            return new Work(0, length < 0 ? OPEN : length, false, "single-stream", null);
        }
        List<ByteRange> gaps = unownedGaps();
        if (!gaps.isEmpty()) {
            ByteRange largest = gaps.get(0);
            for (ByteRange g : gaps) {
                if (g.length() > largest.length()) {
                    largest = g;
                }
            }
            long take = largest.length();
            if (length >= opt.splitThreshold() && freeSlots > 1) {
                // several connections are about to start: share the gap now rather than cut ranges later
                long share = Math.max(opt.minSplitSize(), (largest.length() + freeSlots - 1) / freeSlots);
                if (largest.length() - share >= opt.minSplitSize()) {
                    take = share;
                }
            }
            return new Work(largest.start(), largest.start() + take, true, "range", null);
        }
        return split(freeSlots);
    }

    /// Bytes of the file that are neither written nor being fetched by a live connection.
    private List<ByteRange> unownedGaps() {
        IntervalSet taken = new IntervalSet(completed);
        for (Conn c : conns) {
            if (!c.aborted && c.end != OPEN) {
                // From pos, not from reserved: the bytes between them are being written right now,
                // and treating them as a gap fetched them a second time.
                taken.add(c.pos, c.end);
            }
        }
        return taken.gaps(0, length);
    }

    /// Work stealing: the largest unfinished range gives part of its tail to a free connection. With
    /// one free connection the range is split so both should finish together given their speeds
    /// (halves when unknown); with several, into equal pieces, one per connection, so that the pieces'
    /// requests end where they should and need no cutting later. A range that its connection will
    /// finish within two of its first-byte latencies is left alone: a new request would not be faster.
    private Work split(int freeSlots) {
        if (length < opt.splitThreshold() || !rangesSupported) {
            return null;
        }
        Conn victim = null;
        long best = 0;
        for (Conn c : conns) {
            if (c.aborted || c.end == OPEN) {
                continue;
            }
            long rem = c.end - Math.max(c.pos, c.reserved);
            if (rem > best) {
                best = rem;
                victim = c;
            }
        }
        long min = opt.minSplitSize();
        if (victim == null || best < 2 * min) {
            return null;
        }
        // speed: the connection's own once measured, before that what this mirror showed earlier
        var seen = engine.health().stats(victim.mirror.mirror());
        double rate = victim.rate > 0 ? victim.rate : seen.map(MirrorHealth.Stats::bytesPerSecond).orElse(0.0);
        double latency = victim.headersAt > 0 ? (victim.headersAt - victim.sentAt) / 1e9
                : seen.map(st -> st.latencyMillis() / 1e3).orElse(0.0);
        if (rate > 0 && best / rate < 2 * latency) {
            return null;
        }
        long base = Math.max(victim.pos, victim.reserved);
        long pieces = Math.min(freeSlots + 1, best / min);
        if (pieces > 2) {
            long piece = best / pieces;
            return new Work(base + piece, base + 2 * piece, true, "split", victim);
        }
        long keep = best / 2;
        double others = averageRate(victim);
        if (victim.rate > 0 && others > 0) {
            keep = (long) (best * (victim.rate / (victim.rate + others)));
        }
        keep = Math.max(min, Math.min(best - min, keep));
        return new Work(base + keep, victim.end, true, "split", victim);
    }

    private double averageRate(Conn except) {
        double sum = 0;
        int n = 0;
        for (Conn c : conns) {
            if (c != except && !c.aborted && c.rate > 0) {
                sum += c.rate;
                n++;
            }
        }
        return n == 0 ? except.rate : sum / n;
    }

    private boolean isComplete() {
        return length >= 0 && completed.covers(0, length);
    }

    // ------------------------------------------------------------------------------------------
    // Connections

    /// One HTTP exchange chain (request plus redirect hops) fetching the range [start, end).
    final class Conn {
        long id;
        final Candidate mirror;
        int gen;
        final String why;
        final long splitFrom;
        URI url;
        int hops;
        long start;
        long pos;
        long reserved;
        long end;
        long requestedEnd;
        boolean rangeRequest;
        ConnectionBudget.Permit permit;
        CompletableFuture<HttpResponse<Void>> sendFuture;
        Flow.Subscription subscription;
        CompletableFuture<Void> body;
        boolean aborted;
        String abortOutcome;
        DownloadException abortError;
        DownloadException failure;
        long retryAfterNanos = -1;
        URI redirectTo;
        boolean streaming;
        boolean replacesStall;
        long sentAt;
        long headersAt;
        long lastByteAt;
        long bytes;
        long progressBytes;
        long progressAt;
        double rate;
        long rateBytes;
        long rateAt;
        int status;
        int writeGen;
        long writeFrom;
        long writeTo;
        int lane;

        Conn(Candidate mirror, Work w) {
            this.mirror = mirror;
            this.gen = generation;
            this.why = w.why();
            this.splitFrom = w.splitFrom();
            this.start = w.start();
            this.pos = w.start();
            this.reserved = w.start();
            this.end = w.end();
            this.requestedEnd = w.end();
            this.rangeRequest = w.range();
        }

        long remaining() {
            return end == OPEN ? Long.MAX_VALUE : end - Math.max(pos, reserved);
        }
    }

    private void startConn(Work w, ConnectionBudget.Permit permit) {
        Conn c = new Conn(mirror(), w);
        c.id = engine.nextRequestId();
        c.permit = permit;
        c.url = effectiveUrl;
        c.lane = freeLane();
        conns.add(c);
        if (retryStartedAt >= 0) {
            emit(TransferListener::retryEnd, new RetryEnded(id, retryAttempt, now() - retryStartedAt));
            retryStartedAt = -1;
        }
        if (!pendingStalls.isEmpty()) {
            c.replacesStall = true;
        }
        if ("file".equals(c.mirror.url().getScheme())) {
            requests++;
            c.sentAt = now();
            emit(TransferListener::requestStart, new RequestStarted(id, c.id, c.mirror.mirror(),
                    Redaction.url(c.mirror.url()), -1, -1, c.why));
            later(() -> engine.io().execute(() -> copyFromFile(c)));
            return;
        }
        sendLater(c);
    }

    /// The lowest connection lane none of this file's live connections uses.
    private int freeLane() {
        boolean[] used = new boolean[engine.laneCount()];
        for (Conn o : conns) {
            if (!o.aborted && o.lane < used.length) {
                used[o.lane] = true;
            }
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                return i;
            }
        }
        return conns.size();
    }

    private void sendLater(Conn c) {
        requests++;
        HttpRequest req = buildRequest(c);
        c.sentAt = now();
        c.status = 0;
        c.redirectTo = null;
        c.failure = null;
        emit(TransferListener::requestStart, new RequestStarted(id, c.id, c.mirror.mirror(), Redaction.url(c.url),
                c.rangeRequest ? c.pos : -1, c.rangeRequest && c.end != OPEN ? c.end : -1,
                c.hops > 0 ? "redirect" : c.why));
        later(() -> send(c, req));
    }

    private HttpRequest buildRequest(Conn c) {
        URI target = withoutUserInfo(c.url);
        HttpRequest.Builder b = HttpRequest.newBuilder(target).GET()
                .timeout(opt.responseTimeout())
                .version("https".equals(target.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .header("User-Agent", USER_AGENT)
                .header("Accept-Encoding", "identity");
        if (c.rangeRequest) {
            c.requestedEnd = c.end;
            b.header("Range", "bytes=" + c.pos + "-" + (c.end == OPEN ? "" : String.valueOf(c.end - 1)));
            if (!ignoreValidators && validatorMirror.equals(c.mirror.url().toString())) {
                String ifRange = validator.ifRange();
                if (!ifRange.isEmpty()) {
                    b.header("If-Range", ifRange);
                }
            }
        }
        if (c.url.getRawUserInfo() != null) {
            String info = java.net.URLDecoder.decode(c.url.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, String> extra;
        try {
            extra = engine.credentials().headersFor(withoutUserInfo(c.mirror.url()), target);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "credentials hook failed for " + Redaction.url(target), e);
            extra = Map.of();
        }
        if (extra != null) {
            for (Map.Entry<String, String> h : extra.entrySet()) {
                try {
                    b.setHeader(h.getKey(), h.getValue());
                } catch (IllegalArgumentException e) {
                    LOG.log(System.Logger.Level.WARNING, "credentials hook returned a header the HTTP client refuses: "
                            + h.getKey());
                }
            }
        }
        return b.build();
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /// Runs outside the monitor.
    private void send(Conn c, HttpRequest req) {
        CompletableFuture<HttpResponse<Void>> f;
        try {
            f = engine.client(c.lane).sendAsync(req, info -> {
                BodySubscriber<Void> s = onHeaders(c, info);
                drain();
                return s;
            });
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        boolean cancelNow;
        synchronized (this) {
            c.sendFuture = f;
            cancelNow = c.aborted && c.subscription == null;
        }
        if (cancelNow) {
            f.cancel(true);
        }
        f.whenComplete((r, t) -> {
            onExchangeDone(c, t);
            drain();
        });
    }

    private BodySubscriber<Void> onHeaders(Conn c, HttpResponse.ResponseInfo info) {
        synchronized (this) {
            long t = now();
            c.headersAt = t;
            c.status = info.statusCode();
            engine.health().recordResponse(c.mirror.mirror(), t - c.sentAt);
            emit(TransferListener::responseStart, new ResponseStarted(id, c.id, c.status,
                    info.version() == HttpClient.Version.HTTP_2 ? "h2" : "http/1.1", t - c.sentAt));
            if (c.aborted || c.gen != generation || state != State.RUNNING) {
                return cancelling(c);
            }
            int s = info.statusCode();
            var h = info.headers();
            if ((s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && h.firstValue("Location").isPresent()) {
                String location = h.firstValue("Location").get();
                try {
                    c.redirectTo = c.url.resolve(new URI(location));
                } catch (URISyntaxException | IllegalArgumentException e) {
                    c.failure = error(Kind.BAD_SERVER, "Get " + quote(Redaction.url(c.url))
                            + ": failed to parse Location header " + quote(location), c, 0, null);
                }
                return discarding(c);
            }
            String encoding = h.firstValue("Content-Encoding").orElse("identity").trim();
            if ((s == 200 || s == 206) && !encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
                c.failure = error(Kind.BAD_SERVER, "reading " + Redaction.url(c.url)
                        + ": unsupported Content-Encoding " + encoding, c, s, null);
                return cancelling(c);
            }
            if (s == 200 || s == 206) {
                BodySubscriber<Void> sub = s == 200 ? onFullResponse(c, info) : onPartialResponse(c, info);
                pump();
                return sub;
            }
            if (s == 416 && c.rangeRequest) {
                ContentRange cr = HttpMessages.contentRange(h);
                if (cr != null && cr.total() == 0 && length < 0 && completed.isEmpty()) {
                    // an empty file: nothing to fetch
                    length = 0;
                    probed = true;
                    noteMirrorContinued();
                    return discarding(c);
                }
                c.failure = error(Kind.CHANGED, "reading " + Redaction.url(c.url) + ": "
                        + HttpMessages.statusLine(416) + " for bytes " + c.pos + "-"
                        + (c.end == OPEN ? "" : c.end - 1) + (cr != null && cr.total() >= 0
                        ? " (the file now has " + cr.total() + " bytes)" : ""), c, s, null);
                return discarding(c);
            }
            Kind kind = s == 404 || s == 410 ? Kind.NOT_FOUND
                    : s >= 500 || s == 408 || s == 429 ? Kind.SERVER_BUSY : Kind.HTTP_STATUS;
            c.failure = error(kind, null, c, s, null);
            c.retryAfterNanos = HttpMessages.retryAfterNanos(h, System.currentTimeMillis());
            return new ErrorBody(c, h.firstValue("Content-Type").orElse(""));
        }
    }

    /// A 200: the whole file. To a range request it means the server ignores Range; either way the
    /// download continues as this one stream, keeping what is already written only if the file is
    /// the same (length and validator).
    private BodySubscriber<Void> onFullResponse(Conn c, HttpResponse.ResponseInfo info) {
        OptionalLong cl = HttpMessages.contentLength(info.headers());
        long len = cl.orElse(-1);
        Validator v = Validator.of(info.headers());
        boolean fresh = length < 0 && completed.isEmpty();
        if (fresh) {
            adopt(len, v);
        } else if (len < 0 || !sameFile(len, v)) {
            if (!restartWhole(len, v, c)) {
                return cancelling(c);
            }
        } else {
            adoptValidator(v);
        }
        if (!probed) {
            noteMirrorContinued();
        }
        probed = true;
        if (c.rangeRequest) {
            rangesSupported = false;
        }
        singleStream = true;
        for (Conn other : conns) {
            if (other != c && !other.aborted) {
                abort(other, "cut", null);
            }
        }
        c.rangeRequest = false;
        c.start = 0;
        c.pos = 0;
        c.reserved = 0;
        c.end = len < 0 ? OPEN : len;
        c.requestedEnd = c.end;
        noteTarget(c);
        return startBody(c);
    }

    private BodySubscriber<Void> onPartialResponse(Conn c, HttpResponse.ResponseInfo info) {
        ContentRange cr = HttpMessages.contentRange(info.headers());
        if (!c.rangeRequest || cr == null || cr.first() < 0) {
            c.failure = error(Kind.PROTOCOL, "reading " + Redaction.url(c.url) + ": 206 response with "
                    + (c.rangeRequest ? "missing or malformed Content-Range " + quote(info.headers()
                    .firstValue("Content-Range").orElse("")) : "no range asked for"), c, 206, null);
            return cancelling(c);
        }
        long askedEnd = c.requestedEnd == OPEN ? OPEN : c.requestedEnd - 1;
        if (cr.first() != c.pos || (askedEnd != OPEN && cr.last() > askedEnd)) {
            c.failure = error(Kind.PROTOCOL, "reading " + Redaction.url(c.url) + ": asked for bytes " + c.pos + "-"
                    + (askedEnd == OPEN ? "" : askedEnd) + ", got Content-Range " + quote(info.headers()
                    .firstValue("Content-Range").orElse("")), c, 206, null);
            return cancelling(c);
        }
        Validator v = Validator.of(info.headers());
        boolean fresh = length < 0 && completed.isEmpty();
        if (fresh) {
            adopt(cr.total(), v);
            if (cr.total() < 0) {
                singleStream = true;
            }
        } else if (cr.total() < 0 || !sameFile(cr.total(), v)) {
            if (!restartWhole(cr.total(), v, c)) {
                return cancelling(c);
            }
        } else {
            adoptValidator(v);
        }
        if (!probed) {
            noteMirrorContinued();
        }
        probed = true;
        rangesSupported = true;
        c.end = Math.min(c.end, cr.last() + 1);
        c.requestedEnd = cr.last() + 1;
        noteTarget(c);
        return startBody(c);
    }

    /// Whether a response of this length and validator is the file the data file holds part of.
    /// Validators are compared only against the same mirror; across mirrors the length must match.
    private boolean sameFile(long len, Validator v) {
        if (len != length) {
            return false;
        }
        if (fromOneMirror && !completed.isEmpty() && !validatorMirror.equals(mirror().url().toString())) {
            return false;
        }
        if (ignoreValidators || !validatorMirror.equals(mirror().url().toString())) {
            return true;
        }
        return validator.compatibleWith(v);
    }

    private void adopt(long len, Validator v) {
        length = len;
        validator = v;
        validatorMirror = mirror().url().toString();
        journalDirty = true;
    }

    private void adoptValidator(Validator v) {
        if (!validatorMirror.equals(mirror().url().toString()) || validator.isEmpty()) {
            validator = v;
            validatorMirror = mirror().url().toString();
            journalDirty = true;
        }
    }

    /// The file on the server is not the one the written bytes came from: throw them away and go on
    /// with this response as the first part of the new file. After too many changes, fetch one
    /// stream without validators (the caller's hash decides). False if this response cannot be used.
    private boolean restartWhole(long len, Validator v, Conn keep) {
        entityRestarts++;
        String was = length + " bytes " + validator.describe();
        generation++;
        completed.clear();
        bytesByMirror.clear();
        for (Conn other : conns) {
            if (other != keep && !other.aborted) {
                abort(other, "cut", null);
            }
        }
        later(this::deleteJournalQuietly);
        if (switchTo != null) {
            emit(TransferListener::mirrorSwitchEnd, new MirrorSwitchEnded(id, switchTo, "restarted",
                    now() - switchStartedAt));
            switchTo = null;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> request.label() + ": file changed on the server (was " + was
                + ", now " + len + " bytes " + v.describe() + "); starting over");
        if (entityRestarts > opt.maxEntityRestarts()) {
            ignoreValidators = true;
            if (keep.rangeRequest && keep.pos != 0) {
                length = -1;
                validator = Validator.NONE;
                probed = false;
                keep.failure = error(Kind.CHANGED, "reading " + Redaction.url(keep.url) + ": the file changed "
                        + entityRestarts + " times during the download; fetching it as one stream", keep, keep.status, null);
                return false;
            }
        }
        adopt(len, v);
        keep.gen = generation;
        return true;
    }

    private void noteMirrorContinued() {
        if (switchTo != null) {
            emit(TransferListener::mirrorSwitchEnd, new MirrorSwitchEnded(id, switchTo, "continued",
                    now() - switchStartedAt));
            switchTo = null;
        }
    }

    private void noteTarget(Conn c) {
        if (c.hops > 0) {
            effectiveUrl = c.url;
        }
    }

    private BodySubscriber<Void> startBody(Conn c) {
        c.streaming = true;
        long t = now();
        c.lastByteAt = t;
        c.rateAt = t;
        c.progressAt = t;
        emit(TransferListener::bodyStart, new BodyStarted(id, c.id, c.pos, c.end == OPEN ? -1 : c.end));
        return new Writer(c);
    }

    private BodySubscriber<Void> cancelling(Conn c) {
        return new Discard(c, 0);
    }

    private BodySubscriber<Void> discarding(Conn c) {
        return new Discard(c, MAX_ERROR_BODY);
    }

    // ------------------------------------------------------------------------------------------
    // Body subscribers

    /// Writes the response body into the data file at the connection's position, stopping at the
    /// connection's end (which a split may move closer).
    private final class Writer implements BodySubscriber<Void> {
        private final Conn c;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private Flow.Subscription sub;

        Writer(Conn c) {
            this.c = c;
            synchronized (DownloadTask.this) {
                c.body = done;
            }
        }

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            boolean cancel;
            synchronized (DownloadTask.this) {
                sub = s;
                c.subscription = s;
                cancel = c.aborted;
            }
            if (cancel) {
                s.cancel();
                done.complete(null);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (done.isDone()) {
                return;
            }
            boolean more;
            try {
                more = write(c, items);
            } catch (IOException e) {
                synchronized (DownloadTask.this) {
                    c.failure = new DownloadException(Kind.LOCAL_IO, "write " + dataPath + ": " + e.getMessage(),
                            0, null, e);
                }
                more = false;
            }
            if (more) {
                sub.request(1);
            } else {
                sub.cancel();
                done.complete(null);
            }
            if (hasDeferred()) {
                drain();
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }

    /// Reads (at most limit bytes of) a body that is not file data, keeping it for error messages.
    private final class Discard implements BodySubscriber<Void> {
        private final Conn c;
        private final int limit;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private Flow.Subscription sub;

        Discard(Conn c, int limit) {
            this.c = c;
            this.limit = limit;
        }

        byte[] kept() {
            return kept.toByteArray();
        }

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            sub = s;
            synchronized (DownloadTask.this) {
                c.subscription = s;
            }
            if (limit == 0) {
                s.cancel();
                done.complete(null);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (done.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                int n = Math.min(b.remaining(), limit - kept.size());
                byte[] tmp = new byte[n];
                b.get(tmp);
                kept.write(tmp, 0, n);
            }
            if (kept.size() >= limit) {
                sub.cancel();
                bodyDone();
            } else {
                sub.request(1);
            }
        }

        void bodyDone() {
            done.complete(null);
        }

        @Override
        public void onError(Throwable t) {
            bodyDone();
        }

        @Override
        public void onComplete() {
            bodyDone();
        }
    }

    /// An error response's body: its text becomes the "server response" part of the message.
    private final class ErrorBody implements BodySubscriber<Void> {
        private final Discard inner;
        private final String contentType;
        private final Conn c;

        ErrorBody(Conn c, String contentType) {
            this.c = c;
            this.inner = new Discard(c, MAX_ERROR_BODY);
            this.contentType = contentType;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return inner.getBody().thenApply(x -> {
                synchronized (DownloadTask.this) {
                    String detail = HttpMessages.errorDetail(contentType, inner.kept());
                    DownloadException f = c.failure;
                    if (f != null) {
                        c.failure = new DownloadException(f.kind(), HttpMessages.httpErrorMessage(
                                Redaction.url(c.url), f.status(), detail), f.status(), f.mirror(), null);
                    }
                }
                return x;
            });
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            inner.onSubscribe(s);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            inner.onNext(items);
        }

        @Override
        public void onError(Throwable t) {
            inner.onError(t);
        }

        @Override
        public void onComplete() {
            inner.onComplete();
        }
    }

    /// Writes items at the connection's position. False once the connection should stop reading.
    private boolean write(Conn c, List<ByteBuffer> items) throws IOException {
        for (ByteBuffer b : items) {
            while (b.hasRemaining()) {
                long at;
                int n;
                FileChannel ch;
                synchronized (this) {
                    if (c.aborted || c.gen != generation || data == null) {
                        return false;
                    }
                    if (c.pos >= c.end) {
                        abortSelf(c, c.end < c.requestedEnd ? "cut" : "ok");
                        return false;
                    }
                    n = (int) Math.min(b.remaining(), c.end - c.pos);
                    at = c.pos;
                    ch = overlapsStaleWrite(at, at + n) ? null : data;
                    if (ch != null) {
                        c.reserved = at + n;
                        c.writeGen = c.gen;
                        c.writeFrom = at;
                        c.writeTo = at + n;
                        writing.add(c);
                    }
                }
                if (ch == null) {
                    // bytes of a file version just thrown away are still being written here: let them land first
                    Thread.yield();
                    continue;
                }
                try {
                    ByteBuffer slice = b.duplicate();
                    slice.limit(slice.position() + n);
                    long p = at;
                    while (slice.hasRemaining()) {
                        p += ch.write(slice, p);
                    }
                } finally {
                    synchronized (this) {
                        writing.remove(c);
                    }
                }
                b.position(b.position() + n);
                synchronized (this) {
                    if (c.gen != generation) {
                        return false;
                    }
                    afterWrite(c, at, n);
                    if (c.pos >= c.end && c.end < c.requestedEnd) {
                        abortSelf(c, "cut");
                        return false;
                    }
                    if (state != State.RUNNING) {
                        return !c.aborted;
                    }
                }
            }
        }
        return true;
    }

    /// Whether a write of an earlier file version (before a restart) to [from, to) is under way.
    private boolean overlapsStaleWrite(long from, long to) {
        for (Conn w : writing) {
            if (w.writeGen != generation && w.writeFrom < to && from < w.writeTo) {
                return true;
            }
        }
        return false;
    }

    private void afterWrite(Conn c, long at, int n) {
        long t = now();
        if (c.bytes == 0) {
            firstBytes(c, t);
        }
        c.pos = at + n;
        c.bytes += n;
        c.lastByteAt = t;
        bytesReceived += n;
        bytesByMirror.merge(c.mirror.mirror(), (long) n, Long::sum);
        long before = completed.covered();
        completed.add(at, at + n);
        if (completed.covered() > before) {
            failuresInRow = 0;
            journalDirty = true;
        }
        if (isComplete() && state == State.RUNNING) {
            finish();
        }
    }

    private void firstBytes(Conn c, long t) {
        if (c.splitFrom >= 0) {
            emit(TransferListener::rangeSplitEnd, new RangeSplitEnded(id, c.id, c.start, c.end == OPEN ? -1 : c.end,
                    true, t - c.sentAt));
        }
        if (c.replacesStall) {
            endStalls(c.id, t);
        }
        if (resumeStartedAt >= 0) {
            emit(TransferListener::resumeEnd, new ResumeEnded(id, t - resumeStartedAt));
            resumeStartedAt = -1;
        }
    }

    private void endStalls(long requestId, long t) {
        for (long[] s : pendingStalls) {
            emit(TransferListener::stallEnd, new StallEnded(id, requestId, t - s[1]));
        }
        pendingStalls.clear();
    }

    /// A connection ends itself: its range is done (or was shortened by a split and is done).
    private void abortSelf(Conn c, String outcome) {
        c.aborted = true;
        c.abortOutcome = outcome;
    }

    /// Stops a connection; its unfinished bytes become free for other connections at once.
    private void abort(Conn c, String outcome, DownloadException why) {
        if (c.aborted) {
            return;
        }
        c.aborted = true;
        c.abortOutcome = outcome;
        c.abortError = why;
        later(() -> {
            Flow.Subscription s;
            CompletableFuture<HttpResponse<Void>> f;
            CompletableFuture<Void> b;
            synchronized (this) {
                s = c.subscription;
                f = c.sendFuture;
                b = c.body;
            }
            if (s != null) {
                s.cancel();
                if (b != null) {
                    b.complete(null);
                }
            } else if (f != null) {
                f.cancel(true);
            }
        });
    }

    private void abortAll(String outcome, DownloadException why) {
        for (Conn c : conns) {
            abort(c, outcome, why);
        }
    }

    // ------------------------------------------------------------------------------------------
    // End of an exchange

    private void onExchangeDone(Conn c, Throwable t) {
        synchronized (this) {
            if (!conns.contains(c)) {
                return;
            }
            long tNow = now();
            if (c.redirectTo != null && !c.aborted && c.failure == null && t == null && state == State.RUNNING) {
                if (followRedirect(c, tNow)) {
                    return;
                }
            }
            conns.remove(c);
            c.permit.release();
            if (c.streaming) {
                if (!"stalled".equals(c.abortOutcome)) {
                    rememberRate(c, tNow);
                }
                emit(TransferListener::bodyEnd, new BodyEnded(id, c.id, c.bytes, tNow - c.headersAt));
                engine.health().recordBody(c.mirror.mirror(), c.bytes, tNow - c.headersAt);
            }
            DownloadException failure = null;
            String outcome;
            if (c.aborted) {
                outcome = c.abortOutcome;
                failure = c.abortError;
            } else if (c.failure != null) {
                outcome = "failed";
                failure = c.failure;
            } else if (t != null) {
                outcome = "failed";
                failure = networkError(c, unwrap(t));
            } else if (c.streaming && c.end == OPEN && c.gen == generation) {
                // one stream of unknown length: its end is the end of the file
                length = c.pos;
                outcome = "ok";
            } else if (c.streaming && c.pos < c.end) {
                outcome = "failed";
                failure = error(Kind.NETWORK, "reading " + Redaction.url(c.url) + ": unexpected EOF after "
                        + c.bytes + " of " + (c.requestedEnd - c.start) + " bytes", c, c.status, null);
            } else {
                outcome = "ok";
            }
            if (failure != null && "failed".equals(outcome) && c.splitFrom >= 0 && c.bytes == 0) {
                emit(TransferListener::rangeSplitEnd, new RangeSplitEnded(id, c.id, c.start,
                        c.end == OPEN ? -1 : c.end, false, tNow - c.sentAt));
            }
            emit(TransferListener::requestEnd, new RequestEnded(id, c.id, outcome, c.bytes, tNow - c.sentAt,
                    failure == null ? null : failure.getMessage()));
            if (c.streaming && c.end == OPEN && c.gen == generation && !"ok".equals(outcome)) {
                // a stream of unknown length cannot be resumed
                generation++;
                completed.clear();
            }
            journalDirty = true;
            later(this::saveJournalSoon);
            if (failure != null && state == State.RUNNING) {
                onFailure(c, failure);
            }
            if (state == State.RUNNING) {
                pump();
            }
            runQuietActions();
        }
    }

    private boolean followRedirect(Conn c, long tNow) {
        URI next = c.redirectTo;
        DownloadException bad = null;
        if (c.hops + 1 > MAX_REDIRECTS) {
            bad = error(Kind.BAD_SERVER, "Get " + quote(Redaction.url(next)) + ": stopped after 10 redirects", c,
                    c.status, null);
        } else if ("https".equals(c.url.getScheme()) && !"https".equals(next.getScheme())) {
            bad = error(Kind.BAD_SERVER, "Get " + quote(Redaction.url(next)) + ": redirected from secure URL "
                    + Redaction.url(c.url) + " to insecure URL " + Redaction.url(next), c, c.status, null);
        } else if (!"http".equals(next.getScheme()) && !"https".equals(next.getScheme())) {
            bad = error(Kind.BAD_SERVER, "Get " + quote(Redaction.url(next)) + ": unsupported protocol scheme "
                    + quote(String.valueOf(next.getScheme())), c, c.status, null);
        }
        if (bad != null) {
            c.redirectTo = null;
            c.failure = bad;
            return false;
        }
        emit(TransferListener::requestEnd, new RequestEnded(id, c.id, "redirect", 0, tNow - c.sentAt, null));
        c.hops++;
        c.url = next;
        c.id = engine.nextRequestId();
        sendLater(c);
        return true;
    }

    private void onFailure(Conn c, DownloadException e) {
        engine.health().recordFailure(c.mirror.mirror(), e.getMessage());
        if (c.mirror != mirror() || c.gen != generation) {
            return; // a straggler from a mirror already given up
        }
        if (e.kind() == Kind.LOCAL_IO) {
            fail(e);
            return;
        }
        if (e.kind() == Kind.CHANGED) {
            // 416, or a change noticed after too many restarts: start over from the file's start
            if (e.status() == 416) {
                entityRestarts++;
                if (entityRestarts > opt.maxEntityRestarts()) {
                    ignoreValidators = true;
                }
            }
            generation++;
            completed.clear();
            bytesByMirror.clear();
            length = -1;
            validator = Validator.NONE;
            probed = false;
            abortAll("cut", null);
            later(this::deleteJournalQuietly);
            return;
        }
        boolean usedRedirectTarget = !c.url.equals(c.mirror.url()) && c.hops == 0;
        if (usedRedirectTarget && !redirectTargetRetried
                && (e.kind() == Kind.HTTP_STATUS || e.kind() == Kind.NOT_FOUND)) {
            // a remembered redirect target (for example a signed URL) expired: ask the mirror again
            redirectTargetRetried = true;
            effectiveUrl = mirror().url();
            return;
        }
        if (!e.retryable()) {
            mirrorFailed(e);
            return;
        }
        long t = now();
        if (backoffUntil <= t) {
            failuresInRow++;
        }
        if (failuresInRow >= opt.maxAttemptsPerMirror()) {
            mirrorFailed(e);
            return;
        }
        if (backoffUntil > t) {
            return; // part of the burst already being waited out
        }
        long delay = Backoff.delayNanos(failuresInRow, opt.backoffBase().toNanos(), opt.backoffMax().toNanos(),
                engine.random());
        if (c.retryAfterNanos > 0) {
            delay = Math.max(delay, Math.min(c.retryAfterNanos, opt.backoffMax().toNanos()));
        }
        backoffUntil = t + delay;
        retryAttempt = failuresInRow;
        retryStartedAt = t;
        emit(TransferListener::retryStart, new RetryStarted(id, failuresInRow, delay, e.getMessage()));
    }

    /// The current mirror has failed for this file: the next candidate gets it if Go's rules allow
    /// (not found, or the entry was followed by `|`), otherwise the download fails.
    private void mirrorFailed(DownloadException e) {
        if (bestError == null || rank(e) > rank(bestError)) {
            bestError = e;
        }
        Candidate from = mirror();
        boolean fallThrough = e.isNotFound() || from.fallBackOnAnyError();
        abortAll("cancelled", null);
        if (switchTo != null) {
            emit(TransferListener::mirrorSwitchEnd, new MirrorSwitchEnded(id, switchTo, "failed",
                    now() - switchStartedAt));
            switchTo = null;
        }
        if (!fallThrough || mirrorIndex + 1 >= candidates.size()) {
            fail(bestError);
            return;
        }
        mirrorIndex++;
        Candidate to = mirror();
        switchTo = to.mirror();
        switchStartedAt = now();
        emit(TransferListener::mirrorSwitchStart, new MirrorSwitchStarted(id, from.mirror(), to.mirror(),
                e.getMessage()));
        effectiveUrl = to.url();
        probed = false;
        rangesSupported = false;
        singleStream = false;
        redirectTargetRetried = false;
        failuresInRow = 0;
        backoffUntil = 0;
        retryStartedAt = -1;
        if (fromOneMirror && !completed.isEmpty()) {
            generation++;
            completed.clear();
            bytesByMirror.clear();
            length = -1;
            validator = Validator.NONE;
            later(this::deleteJournalQuietly);
        }
    }

    /// The go command's error ranking across proxies: anything beats "not found".
    private static int rank(DownloadException e) {
        return e.isNotFound() ? 0 : 1;
    }

    // ------------------------------------------------------------------------------------------
    // Watchdog

    /// Called every tick: speed estimates, stall and slow-connection checks, progress events, and
    /// periodic journaling of in-flight progress.
    void tick() {
        synchronized (this) {
            if (state != State.RUNNING || !opened) {
                return;
            }
            long t = now();
            long stallNanos = opt.stallTimeout().toNanos();
            List<Conn> streaming = new ArrayList<>();
            for (Conn c : new ArrayList<>(conns)) {
                if (c.aborted) {
                    continue;
                }
                if (c.streaming) {
                    long dt = t - c.rateAt;
                    if (dt >= opt.tickInterval().toNanos() / 2) {
                        double inst = (c.bytes - c.rateBytes) * 1e9 / dt;
                        c.rate = c.rateBytes == 0 && c.rate == 0 ? inst : c.rate * 0.6 + inst * 0.4;
                        c.rateBytes = c.bytes;
                        c.rateAt = t;
                    }
                    if (t - c.lastByteAt > stallNanos) {
                        stall(c, "no-data", t, error(Kind.NETWORK, "reading " + Redaction.url(c.url) + ": no data for "
                                + seconds(t - c.lastByteAt), c, c.status, null));
                        continue;
                    }
                    if (c.bytes > c.progressBytes && t - c.progressAt >= opt.progressInterval().toNanos()) {
                        c.progressBytes = c.bytes;
                        c.progressAt = t;
                        emit(TransferListener::bodyProgress, new BodyProgress(id, c.id, c.bytes, t - c.headersAt));
                    }
                    if (t - c.headersAt >= opt.slowGrace().toNanos()) {
                        streaming.add(c);
                    }
                } else if (c.headersAt == 0 && c.sentAt > 0
                        && t - c.sentAt > opt.responseTimeout().toNanos() + stallNanos) {
                    stall(c, "no-data", t, error(Kind.NETWORK, "Get " + quote(Redaction.url(c.url))
                            + ": timeout awaiting response headers", c, 0, null));
                }
            }
            dropSlowest(streaming, t);
            if (journalDirty && length >= 0 && t - lastJournalAt >= opt.journalInterval().toNanos()) {
                lastJournalAt = t;
                later(this::saveJournalSoon);
            }
        }
        drain();
    }

    /// Drops the one connection far slower than the file's others (streaming now, or finished
    /// recently) when reconnecting should finish its range sooner, so no single crawling connection
    /// holds up the tail of the file.
    private void dropSlowest(List<Conn> streaming, long t) {
        if (opt.slowFactor() <= 0) {
            return;
        }
        Conn slowest = null;
        double bestGain = opt.slowGrace().toNanos() / 1e9;
        double typicalForSlowest = 0;
        for (Conn c : streaming) {
            List<Double> others = new ArrayList<>();
            for (Conn o : streaming) {
                if (o != c && o.rate > 0) {
                    others.add(o.rate);
                }
            }
            for (int i = 0; i < Math.min(recentCount, recentRates.length); i++) {
                others.add(recentRates[i]);
            }
            if (others.isEmpty()) {
                continue;
            }
            others.sort(null);
            double typical = others.get(others.size() / 2);
            if (typical <= 0 || c.rate >= opt.slowFactor() * typical) {
                continue;
            }
            long remaining = c.remaining();
            double slowEta = c.rate > 0 ? remaining / c.rate : Double.MAX_VALUE;
            double latency = (c.headersAt - c.sentAt) / 1e9;
            double fastEta = remaining / typical + latency;
            double gain = slowEta - fastEta;
            if (gain > bestGain) {
                slowest = c;
                bestGain = gain;
                typicalForSlowest = typical;
            }
        }
        if (slowest != null) {
            stall(slowest, "slow", t, null, typicalForSlowest);
        }
    }

    private void rememberRate(Conn c, long t) {
        if (c.streaming && c.bytes >= 64 * 1024 && t > c.headersAt) {
            recentRates[recentCount++ % recentRates.length] = c.bytes * 1e9 / (t - c.headersAt);
        }
    }

    private void stall(Conn c, String kind, long t, DownloadException error) {
        stall(c, kind, t, error, averageRate(c));
    }

    private void stall(Conn c, String kind, long t, DownloadException error, double others) {
        emit(TransferListener::stallStart, new StallStarted(id, c.id, kind, Math.max(c.pos, c.reserved),
                c.end == OPEN ? -1 : c.end, c.rate, others));
        pendingStalls.add(new long[] {c.id, t});
        abort(c, "stalled", error);
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1fs", nanos / 1e9);
    }

    // ------------------------------------------------------------------------------------------
    // file:// mirrors

    private void copyFromFile(Conn c) {
        Path src;
        try {
            src = Path.of(c.mirror.url());
        } catch (RuntimeException e) {
            synchronized (this) {
                c.failure = error(Kind.BAD_SERVER, "reading " + Redaction.url(c.mirror.url()) + ": " + e.getMessage(),
                        c, 0, null);
            }
            onExchangeDone(c, null);
            drain();
            return;
        }
        try (InputStream in = Files.newInputStream(src)) {
            long size = Files.size(src);
            BodySubscriber<Void> sink;
            synchronized (this) {
                c.headersAt = now();
                if (c.aborted || c.gen != generation) {
                    sink = null;
                } else {
                    c.rangeRequest = false;
                    sink = onFileOpened(c, size);
                }
            }
            drain();
            if (sink instanceof Writer w) {
                w.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {}

                    @Override
                    public void cancel() {}
                });
                byte[] buf = new byte[64 * 1024];
                int n;
                while (!w.done.isDone() && (n = in.read(buf)) > 0) {
                    w.onNext(List.of(ByteBuffer.wrap(buf, 0, n)));
                }
                w.onComplete();
            }
        } catch (NoSuchFileException e) {
            synchronized (this) {
                c.failure = error(Kind.NOT_FOUND, "reading " + Redaction.url(c.mirror.url())
                        + ": no such file or directory", c, 404, null);
            }
        } catch (IOException e) {
            synchronized (this) {
                c.failure = error(Kind.NETWORK, "reading " + Redaction.url(c.mirror.url()) + ": " + e.getMessage(),
                        c, 0, null);
            }
        }
        onExchangeDone(c, null);
        drain();
    }

    private BodySubscriber<Void> onFileOpened(Conn c, long size) {
        emit(TransferListener::responseStart, new ResponseStarted(id, c.id, 200, "file", now() - c.sentAt));
        boolean fresh = length < 0 && completed.isEmpty();
        if (fresh) {
            adopt(size, Validator.NONE);
        } else if (!sameFile(size, Validator.NONE)) {
            if (!restartWhole(size, Validator.NONE, c)) {
                return null;
            }
        }
        if (!probed) {
            noteMirrorContinued();
        }
        probed = true;
        singleStream = true;
        c.start = 0;
        c.pos = 0;
        c.reserved = 0;
        c.end = size;
        c.requestedEnd = size;
        return startBody(c);
    }

    // ------------------------------------------------------------------------------------------
    // Completion

    private void finish() {
        if (state != State.RUNNING) {
            return;
        }
        state = State.VERIFYING;
        for (Conn c : conns) {
            if (c.pos < c.end) {
                abort(c, "cut", null);
            }
        }
        engine.budget().cancelWait(this);
        later(() -> engine.io().execute(this::finalizeFile));
    }

    private void finalizeFile() {
        DownloadResult r;
        FileChannel ch;
        synchronized (this) {
            ch = data;
            r = new DownloadResult(dataPath, length, validator.describe(), mirror().mirror(), bytesByMirror,
                    bytesReceived, requests, Duration.ofNanos(now() - startedAt));
        }
        try {
            synchronized (journalLock) {
                if (ch.size() > r.length()) {
                    ch.truncate(r.length());
                }
                ch.force(true);
            }
        } catch (IOException e) {
            synchronized (this) {
                fail(new DownloadException(Kind.LOCAL_IO, "write " + dataPath + ": " + e.getMessage(), 0, null, e));
            }
            drain();
            return;
        }
        if (request.verifier() != null) {
            try {
                request.verifier().verify(dataPath, r);
            } catch (Verifier.Rejected e) {
                synchronized (this) {
                    onRejected(e);
                }
                drain();
                return;
            } catch (RuntimeException e) {
                synchronized (this) {
                    fail(new DownloadException(Kind.REJECTED, request.label() + ": verification failed: " + e, 0, null, e));
                }
                drain();
                return;
            }
        }
        try {
            synchronized (journalLock) {
                synchronized (this) {
                    if (state != State.VERIFYING) {
                        return;
                    }
                    data = null;
                }
                ch.close();
                try {
                    Files.move(dataPath, request.dest(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(dataPath, request.dest(), StandardCopyOption.REPLACE_EXISTING);
                }
                Files.deleteIfExists(journalPath);
                Files.deleteIfExists(journalScratch);
                Journal.forceDirectory(request.dest().toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            synchronized (this) {
                fail(new DownloadException(Kind.LOCAL_IO, "rename " + dataPath + " to " + request.dest() + ": "
                        + e.getMessage(), 0, null, e));
            }
            drain();
            return;
        }
        synchronized (this) {
            state = State.DONE;
            whenQuiet(() -> {
                endPendingPhases();
                emit(TransferListener::downloadEnd, new DownloadEnded(id, request.label(), "ok", r.length(),
                        bytesReceived, requests, now() - startedAt, null));
                later(() -> engine.finished(this));
                later(() -> result.complete(r.withFile(request.dest())));
            });
        }
        drain();
    }

    private void onRejected(Verifier.Rejected e) {
        if (state != State.VERIFYING) {
            return;
        }
        if (rejectedOnce) {
            fail(new DownloadException(Kind.REJECTED, e.getMessage(), 0, mirror().mirror(), e));
            return;
        }
        rejectedOnce = true;
        LOG.log(System.Logger.Level.DEBUG, () -> request.label() + ": result rejected (" + e.getMessage()
                + "); fetching it again whole from one mirror");
        fromOneMirror = true;
        generation++;
        completed.clear();
        bytesByMirror.clear();
        length = -1;
        validator = Validator.NONE;
        validatorMirror = "";
        probed = false;
        singleStream = false;
        rangesSupported = false;
        mirrorIndex = 0;
        effectiveUrl = mirror().url();
        failuresInRow = 0;
        backoffUntil = 0;
        later(this::deleteJournalQuietly);
        state = State.RUNNING;
        pump();
    }

    private void fail(DownloadException e) {
        if (isTerminal()) {
            return;
        }
        state = State.FAILED;
        abortAll("cancelled", null);
        engine.budget().cancelWait(this);
        boolean discard = e.kind() == Kind.REJECTED;
        whenQuiet(() -> {
            endPendingPhases();
            emit(TransferListener::downloadEnd, new DownloadEnded(id, request.label(), "failed", length,
                    bytesReceived, requests, now() - startedAt, e.getMessage()));
        });
        whenQuiet(() -> later(() -> {
            if (discard) {
                closeData();
                deleteQuietly(journalPath, dataPath, journalScratch);
            } else {
                saveJournalQuietly();
                closeData();
            }
            engine.finished(this);
            result.completeExceptionally(e);
        }));
    }

    /// Runs action (under the monitor) once no connection is left, so that the download's end is its
    /// last event; connections that do not wind down within two seconds are abandoned.
    private void whenQuiet(Runnable action) {
        if (conns.isEmpty()) {
            action.run();
            return;
        }
        if (onQuiet.isEmpty()) {
            engine.scheduler().schedule(this::abandonConnections, 2, TimeUnit.SECONDS);
        }
        onQuiet.add(action);
    }

    private void runQuietActions() {
        if (conns.isEmpty() && !onQuiet.isEmpty()) {
            List<Runnable> actions = new ArrayList<>(onQuiet);
            onQuiet.clear();
            actions.forEach(Runnable::run);
        }
    }

    private void abandonConnections() {
        synchronized (this) {
            for (Conn c : conns) {
                c.permit.release();
            }
            conns.clear();
            runQuietActions();
        }
        drain();
    }

    private void endPendingPhases() {
        long t = now();
        if (!pendingStalls.isEmpty()) {
            endStalls(-1, t);
        }
        if (resumeStartedAt >= 0) {
            emit(TransferListener::resumeEnd, new ResumeEnded(id, t - resumeStartedAt));
            resumeStartedAt = -1;
        }
        if (retryStartedAt >= 0) {
            emit(TransferListener::retryEnd, new RetryEnded(id, retryAttempt, t - retryStartedAt));
            retryStartedAt = -1;
        }
    }

    private boolean isTerminal() {
        return state == State.DONE || state == State.FAILED || state == State.CANCELLED;
    }

    private void closeAfterCancel(boolean discard) {
        if (!discard) {
            saveJournalQuietly();
        }
        closeData();
        if (discard) {
            try {
                Files.deleteIfExists(journalPath);
                Files.deleteIfExists(dataPath);
                Files.deleteIfExists(journalScratch);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete partial download " + dataPath, e);
            }
        }
        synchronized (this) {
            whenQuiet(() -> {
                endPendingPhases();
                emit(TransferListener::downloadEnd, new DownloadEnded(id, request.label(), "cancelled", length,
                        bytesReceived, requests, now() - startedAt, null));
                later(() -> engine.finished(this));
                later(() -> result.completeExceptionally(new CancellationException(request.label() + ": cancelled")));
            });
        }
        drain();
    }

    private void closeData() {
        synchronized (journalLock) {
            FileChannel ch;
            synchronized (this) {
                ch = data;
                data = null;
            }
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing more to save
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Journal

    private final java.util.concurrent.atomic.AtomicBoolean journalQueued = new java.util.concurrent.atomic.AtomicBoolean();

    private void saveJournalSoon() {
        if (journalQueued.compareAndSet(false, true)) {
            engine.io().execute(() -> {
                journalQueued.set(false);
                saveJournalQuietly();
            });
        }
    }

    private void saveJournalQuietly() {
        try {
            saveJournal();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write " + journalPath, e);
        }
    }

    /// Forces the data written so far to disk, then publishes a journal naming only bytes that were
    /// written before, so the journal never claims bytes a power cut could lose.
    void saveJournal() throws IOException {
        // A thread cancelling because it was interrupted saves here too: a FileChannel used on an
        // interrupted thread is closed under it (ClosedByInterruptException), which would lose both the
        // journal and the data file. The flag is set aside for the save and put back after.
        boolean interrupted = Thread.interrupted();
        try {
            saveJournalUninterrupted();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void saveJournalUninterrupted() throws IOException {
        synchronized (journalLock) {
            Journal.State s;
            int gen;
            FileChannel ch;
            synchronized (this) {
                if (data == null || length < 0 || !journalDirty && Files.exists(journalPath)) {
                    return;
                }
                ch = data;
                gen = generation;
                journalDirty = false;
                lastJournalAt = now();
                s = new Journal.State(request.dest().getFileName().toString(), length, validator.etag(),
                        validator.lastModified(), validatorMirror, completed.ranges());
            }
            ch.force(false);
            Journal.writeScratch(journalScratch, s);
            synchronized (this) {
                if (gen != generation || data == null) {
                    Files.deleteIfExists(journalScratch);
                    return;
                }
                try {
                    Files.move(journalScratch, journalPath, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(journalScratch, journalPath, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Journal.forceDirectory(journalPath.toAbsolutePath().getParent());
        }
    }

    private static void deleteQuietly(Path... files) {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not delete " + f, e);
            }
        }
    }

    private void deleteJournalQuietly() {
        try {
            Files.deleteIfExists(journalPath);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete " + journalPath, e);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Errors

    private DownloadException error(Kind kind, String message, Conn c, int status, Throwable cause) {
        String msg = message != null ? message : HttpMessages.httpErrorMessage(Redaction.url(c.url), status, "");
        return new DownloadException(kind, msg, status, c.mirror.mirror(), cause);
    }

    private DownloadException networkError(Conn c, Throwable t) {
        String host = c.url.getHost() + ":" + (c.url.getPort() >= 0 ? c.url.getPort()
                : "https".equals(c.url.getScheme()) ? 443 : 80);
        String what;
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (t instanceof java.net.http.HttpConnectTimeoutException) {
            what = "dial tcp " + host + ": i/o timeout";
        } else if (t instanceof java.net.http.HttpTimeoutException) {
            what = "timeout awaiting response headers";
        } else if (t instanceof java.net.ConnectException || root instanceof java.net.ConnectException) {
            what = "dial tcp " + host + ": connect: connection refused";
        } else if (root instanceof java.net.UnknownHostException
                || root instanceof java.nio.channels.UnresolvedAddressException) {
            what = "dial tcp: lookup " + c.url.getHost() + ": no such host";
        } else if (find(t, javax.net.ssl.SSLException.class) != null) {
            javax.net.ssl.SSLException tls = find(t, javax.net.ssl.SSLException.class);
            // a certificate the client does not trust will not be trusted on a second try
            Kind kind = tls instanceof javax.net.ssl.SSLHandshakeException ? Kind.BAD_SERVER : Kind.NETWORK;
            return error(kind, "Get " + quote(Redaction.url(c.url)) + ": tls: " + tls.getMessage(), c, 0, t);
        } else {
            String m = String.valueOf(t.getMessage() == null ? root : t.getMessage());
            String lower = m.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("reset")) {
                what = "read: connection reset by peer";
            } else if (lower.contains("eof") || lower.contains("closed") || lower.contains("content-length")) {
                what = c.streaming ? "unexpected EOF" : "EOF";
            } else {
                what = m;
            }
        }
        return error(Kind.NETWORK, "Get " + quote(Redaction.url(c.url)) + ": " + what, c, 0, t);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable x = t; x != null; x = x.getCause() == x ? null : x.getCause()) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
        }
        return null;
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------------------------------------
    // Deferred actions: run after the monitor is released, in the order queued

    private <E> void emit(java.util.function.BiConsumer<TransferListener, E> method, E event) {
        SafeListeners l = engine.listeners();
        if (!l.isEmpty()) {
            deferred.add(() -> l.deliver(method, event));
        }
    }

    private void later(Runnable r) {
        deferred.add(r);
    }

    private synchronized boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    /// Runs queued actions. Whoever holds the drain lock runs everything queued, including what
    /// other threads queue meanwhile; others return at once and never block on a listener.
    void drain() {
        while (true) {
            if (!drainLock.tryLock()) {
                return;
            }
            try {
                while (true) {
                    Runnable r;
                    synchronized (this) {
                        r = deferred.poll();
                    }
                    if (r == null) {
                        break;
                    }
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "transfer engine action failed", e);
                    }
                }
            } finally {
                drainLock.unlock();
            }
            if (!hasDeferred()) {
                return;
            }
        }
    }

    private long now() {
        return engine.ticker().nanos();
    }
}
