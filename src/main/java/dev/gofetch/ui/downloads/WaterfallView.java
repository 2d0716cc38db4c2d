package dev.gofetch.ui.downloads;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/// The request waterfall of one file: a row per HTTP request (byte range) on a shared time axis, each
/// bar split into waiting (request sent → first byte: DNS, connect, TLS and the server, which the JDK
/// client reports as one phase) and body (first → latest byte, in the colour of its mirror).
final class WaterfallView extends BorderPane {
    static final double ROW = 20;
    static final double AXIS = 22;
    static final double LABELS = 250;
    static final Color WAITING = Color.web("#d4a72c");
    static final Color GRID = Color.web("#eaeef2");
    static final Color TEXT = Color.web("#1f2328");
    static final Color MUTED = Color.web("#656d76");

    private final Canvas canvas = new Canvas();
    private final Pane holder = new Pane(canvas);
    private final Function<String, Color> mirrorColour;
    private DownloadsViewModel.Row row;

    WaterfallView(Function<String, Color> mirrorColour) {
        this.mirrorColour = mirrorColour;
        setId("waterfall");
        getStyleClass().add("waterfall");
        ScrollPane scroll = new ScrollPane(holder);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        setCenter(scroll);
        holder.widthProperty().addListener((o, a, b) -> draw());
        canvas.widthProperty().bind(holder.widthProperty());
        setMinHeight(0);
    }

    /// Shows row's requests (null: a hint to select a file).
    void show(DownloadsViewModel.Row r) {
        row = r;
        draw();
    }

    DownloadsViewModel.Row shown() {
        return row;
    }

    private void draw() {
        int n = row == null ? 0 : row.requests().size();
        double h = AXIS + Math.max(1, n) * ROW + 8;
        holder.setPrefHeight(h);
        canvas.setHeight(h);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        g.clearRect(0, 0, w, canvas.getHeight());
        g.setFont(Font.font(12));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        if (row == null || n == 0) {
            g.setFill(MUTED);
            g.fillText(row == null ? "Select a file above to see its requests on a time line."
                    : "No requests for " + row.module() + (row.mirror().equals("module cache")
                            ? ": it came from the module cache." : " yet."), 8, AXIS / 2 + 10);
            return;
        }
        List<DownloadsViewModel.Request> requests = row.requests();
        long t0 = Long.MAX_VALUE;
        long t1 = Long.MIN_VALUE;
        for (DownloadsViewModel.Request r : requests) {
            t0 = Math.min(t0, r.sent());
            t1 = Math.max(t1, Math.max(r.last(), r.firstByte()));
        }
        double span = Math.max(1e6, t1 - t0);
        double x0 = LABELS;
        double plot = Math.max(10, w - x0 - 12);
        double step = tickStep(span / 1e9, plot);
        g.setTextAlign(TextAlignment.CENTER);
        for (double s = 0; s * 1e9 <= span + 1; s += step) {
            double x = x0 + plot * (s * 1e9 / span);
            g.setFill(GRID);
            g.fillRect(x, AXIS - 4, 1, canvas.getHeight() - AXIS);
            g.setFill(MUTED);
            g.fillText(seconds(s, step), Math.min(x, w - 20), AXIS / 2);
        }
        g.setTextAlign(TextAlignment.LEFT);
        for (int i = 0; i < n; i++) {
            DownloadsViewModel.Request r = requests.get(i);
            double y = AXIS + i * ROW;
            if (i % 2 == 1) {
                g.setFill(Color.web("#f6f8fa"));
                g.fillRect(0, y, w, ROW);
            }
            g.setFill(TEXT);
            g.fillText(label(r), 8, y + ROW / 2, LABELS - 14);
            double sx = x0 + plot * (r.sent() - t0) / span;
            double fx = r.firstByte() < 0 ? x0 + plot * (r.last() - t0) / span : x0 + plot * (r.firstByte() - t0) / span;
            double ex = x0 + plot * (Math.max(r.last(), r.firstByte()) - t0) / span;
            double top = y + 4;
            double bar = ROW - 8;
            g.setFill(WAITING);
            g.fillRect(sx, top, Math.max(1.5, fx - sx), bar);
            if (r.firstByte() >= 0) {
                Color c = mirrorColour.apply(r.mirror());
                g.setFill(r.outcome().equals("ok") || r.running() ? c : c.deriveColor(0, 0.6, 1.1, 0.7));
                g.fillRect(fx, top, Math.max(1.5, ex - fx), bar);
            }
            String end = switch (r.outcome()) {
                case "" -> row.phase() == DownloadsViewModel.Phase.PAUSED ? "paused" : "";
                case "ok" -> "";
                case "cancelled" -> row.phase() == DownloadsViewModel.Phase.CANCELLED ? "cancelled" : "paused";
                default -> r.outcome();
            };
            if (!r.outcome().isEmpty() && !r.outcome().equals("ok") && !r.outcome().equals("cut")) {
                g.setFill(r.outcome().equals("failed") || r.outcome().equals("stalled") ? Color.web("#cf222e") : MUTED);
                g.fillRect(ex, top - 1, 2, bar + 2);
            }
            if (!end.isEmpty()) {
                g.setFill(MUTED);
                boolean room = ex + 70 < w;
                g.setTextAlign(room ? TextAlignment.LEFT : TextAlignment.RIGHT);
                g.fillText(end, room ? ex + 5 : sx - 5, y + ROW / 2);
                g.setTextAlign(TextAlignment.LEFT);
            }
        }
    }

    /// "#3 range 1.0–2.1 MB" and the why of the request.
    static String label(DownloadsViewModel.Request r) {
        String range = r.rangeEnd() < 0 ? DownloadsViewModel.formatBytes(r.rangeStart()) + "–end"
                : DownloadsViewModel.formatBytes(r.rangeStart()) + "–" + DownloadsViewModel.formatBytes(r.rangeEnd());
        if (r.rangeStart() == 0 && r.rangeEnd() < 0) {
            range = "whole file";
        }
        return "#" + r.request() + "  " + r.why() + "  " + range;
    }

    /// A tick every 0.1, 0.2, 0.5, 1, 2, 5… s, at least about 70 px apart.
    static double tickStep(double seconds, double width) {
        double want = seconds * 70 / Math.max(1, width);
        double[] steps = {0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600};
        for (double s : steps) {
            if (s >= want) {
                return s;
            }
        }
        return 1200;
    }

    private static String seconds(double s, double step) {
        return step < 1 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.0f s", s);
    }
}
