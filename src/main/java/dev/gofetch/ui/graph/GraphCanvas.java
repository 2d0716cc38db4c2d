package dev.gofetch.ui.graph;

import java.util.Set;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/// Draws a {@link GraphSnapshot} on one Canvas (thousands of boxes as Nodes would be slow), with pan
/// (drag), zoom (wheel, around the pointer), fit and centring. Redraws at most once per pulse, only
/// when something changed; edges outside the view are skipped and all ordinary edges go into one path.
final class GraphCanvas extends Region {
    static final Font FONT = Font.font("System", 12);
    static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);
    private static final double MIN_SCALE = 0.03;
    private static final double MAX_SCALE = 3;
    private static final double TEXT_MIN_SCALE = 0.42;

    private static final Color BACKGROUND = Color.web("#fbfcfd");
    private static final Color EDGE = Color.web("#8c959f", 0.38);
    private static final Color EDGE_OUT = Color.web("#00add8");
    private static final Color EDGE_IN = Color.web("#8250df");
    private static final Color TEXT = Color.web("#1f2328");
    private static final Color TEXT_MUTED = Color.web("#656d76");
    private static final Color MATCH = Color.web("#fddd00");
    private static final Color SELECTION = Color.web("#0b5d75");
    private static final Color REPLACED = Color.web("#ce3262");

    private final Canvas canvas = new Canvas();
    private GraphSnapshot snapshot = GraphSnapshot.EMPTY;
    private String selected;
    private Set<String> matches = Set.of();
    private String hovered;
    private double scale = 1;
    private double tx = 24;
    private double ty = 24;
    /// How the view follows a growing graph until the user pans or zooms: READABLE shows the main
    /// module at a scale where labels can be read, WHOLE fits everything.
    private enum Follow { READABLE, WHOLE, NONE }

    private static final double READABLE_SCALE = 0.75;
    private Follow follow = Follow.READABLE;
    private boolean dirty = true;
    private double pressX;
    private double pressY;
    private double pressTx;
    private double pressTy;
    private boolean dragging;
    private double[] animation; // from tx, ty, to tx, ty, start nanos
    private Consumer<String> onSelect = k -> {};
    private Consumer<String> onOpen = k -> {};

    GraphCanvas() {
        getStyleClass().add("graph-canvas");
        getChildren().add(canvas);
        setFocusTraversable(true);
        setMinSize(0, 0);
        canvas.setOnMousePressed(this::pressed);
        canvas.setOnMouseDragged(this::dragged);
        canvas.setOnMouseReleased(this::released);
        canvas.setOnMouseMoved(this::moved);
        canvas.setOnMouseExited(e -> setHovered(null));
        canvas.setOnScroll(this::scrolled);
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick(now);
            }
        }.start();
    }

    void setOnSelect(Consumer<String> onSelect) {
        this.onSelect = onSelect;
    }

    /// Double click on a box.
    void setOnOpen(Consumer<String> onOpen) {
        this.onOpen = onOpen;
    }

    void setSnapshot(GraphSnapshot s) {
        snapshot = s;
        followNow();
        invalidate();
    }

    void setSelected(String key) {
        selected = key;
        invalidate();
    }

    void setMatches(Set<String> keys) {
        matches = keys;
        invalidate();
    }

    double scale() {
        return scale;
    }

    /// Where a graph point is on screen (canvas coordinates).
    double[] toScreen(double gx, double gy) {
        return new double[] {gx * scale + tx, gy * scale + ty};
    }

    /// Starts over for another project: the main module at a readable scale, following the graph.
    void resetView() {
        follow = Follow.READABLE;
        followNow();
        invalidate();
    }

    /// Shows the whole graph (and keeps doing so as it grows, until the user pans or zooms).
    void fit() {
        follow = Follow.WHOLE;
        followNow();
        invalidate();
    }

    private void followNow() {
        double w = getWidth();
        double h = getHeight();
        if (follow == Follow.NONE || w <= 0 || h <= 0 || snapshot.nodes().isEmpty()) {
            return;
        }
        double margin = 32;
        double fit = Math.min((w - 2 * margin) / Math.max(1, snapshot.width()),
                (h - 2 * margin) / Math.max(1, snapshot.height()));
        animation = null;
        if (follow == Follow.WHOLE || fit >= READABLE_SCALE) {
            scale = clamp(Math.min(fit, 1.0));
            tx = (w - snapshot.width() * scale) / 2;
            ty = (h - snapshot.height() * scale) / 2;
            return;
        }
        // Too big to read whole: start at the main module, on the left, at a readable scale.
        scale = READABLE_SCALE;
        DisplayNode main = snapshot.nodes().get(0);
        tx = margin - main.x() * scale;
        double graphH = snapshot.height() * scale;
        ty = graphH <= h - 2 * margin ? (h - graphH) / 2 : h / 2 - main.centerY() * scale;
    }

    void zoomBy(double factor) {
        zoomAround(factor, getWidth() / 2, getHeight() / 2);
    }

    private void zoomAround(double factor, double px, double py) {
        double next = clamp(scale * factor);
        double gx = (px - tx) / scale;
        double gy = (py - ty) / scale;
        scale = next;
        tx = px - gx * scale;
        ty = py - gy * scale;
        follow = Follow.NONE;
        animation = null;
        invalidate();
    }

    /// Brings the box into the middle of the view, zooming in far enough to read it.
    void centerOn(String key) {
        DisplayNode n = snapshot.node(key);
        if (n == null) {
            return;
        }
        follow = Follow.NONE;
        if (scale < 0.8) {
            double gx = (getWidth() / 2 - tx) / scale;
            double gy = (getHeight() / 2 - ty) / scale;
            scale = 0.9;
            tx = getWidth() / 2 - gx * scale;
            ty = getHeight() / 2 - gy * scale;
        }
        double toX = getWidth() / 2 - n.centerX() * scale;
        double toY = getHeight() / 2 - n.centerY() * scale;
        animation = new double[] {tx, ty, toX, toY, System.nanoTime()};
        invalidate();
    }

    private static double clamp(double s) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
    }

    private void invalidate() {
        dirty = true;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            followNow();
            invalidate();
        }
    }

    private void tick(long now) {
        if (animation != null) {
            double t = Math.min(1, (now - animation[4]) / 250e6);
            double e = 1 - Math.pow(1 - t, 3);
            tx = animation[0] + (animation[2] - animation[0]) * e;
            ty = animation[1] + (animation[3] - animation[1]) * e;
            if (t >= 1) {
                animation = null;
            }
            dirty = true;
        }
        if (dirty) {
            dirty = false;
            draw();
        }
    }

    // ---- input ----

    private void pressed(MouseEvent e) {
        requestFocus();
        pressX = e.getX();
        pressY = e.getY();
        pressTx = tx;
        pressTy = ty;
        dragging = false;
    }

    private void dragged(MouseEvent e) {
        if (!dragging && Math.hypot(e.getX() - pressX, e.getY() - pressY) > 3) {
            dragging = true;
            follow = Follow.NONE;
            animation = null;
        }
        if (dragging) {
            tx = pressTx + e.getX() - pressX;
            ty = pressTy + e.getY() - pressY;
            invalidate();
        }
    }

    private void released(MouseEvent e) {
        if (dragging || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        DisplayNode n = nodeAtScreen(e.getX(), e.getY());
        String key = n == null ? null : n.key();
        if (e.getClickCount() == 2 && key != null) {
            onOpen.accept(key);
        } else {
            onSelect.accept(key);
        }
    }

    private void moved(MouseEvent e) {
        DisplayNode n = nodeAtScreen(e.getX(), e.getY());
        setHovered(n == null ? null : n.key());
    }

    private void setHovered(String key) {
        if (!java.util.Objects.equals(key, hovered)) {
            hovered = key;
            invalidate();
        }
    }

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        zoomAround(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
        e.consume();
    }

    /// The box under a point of the canvas, or null.
    DisplayNode nodeAtScreen(double sx, double sy) {
        return snapshot.nodeAt((sx - tx) / scale, (sy - ty) / scale);
    }

    // ---- drawing ----

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, w, h);
        GraphSnapshot s = snapshot;
        if (s.nodes().isEmpty()) {
            return;
        }
        double minX = -tx / scale;
        double minY = -ty / scale;
        double maxX = (w - tx) / scale;
        double maxY = (h - ty) / scale;
        g.setTransform(scale, 0, 0, scale, tx, ty);

        int sel = s.indexOf(selected);
        g.setLineWidth(1 / scale);
        g.setStroke(EDGE);
        g.beginPath();
        for (int i = 0; i < s.edgeCount(); i++) {
            int a = s.edgeFrom(i);
            int b = s.edgeTo(i);
            if (a == sel || b == sel) {
                continue;
            }
            edgePath(g, s.nodes().get(a), s.nodes().get(b), minX, minY, maxX, maxY);
        }
        g.stroke();
        if (sel >= 0) {
            g.setLineWidth(Math.max(1.6, 2 / scale));
            for (int pass = 0; pass < 2; pass++) {
                g.setStroke(pass == 0 ? EDGE_IN : EDGE_OUT);
                g.beginPath();
                for (int i = 0; i < s.edgeCount(); i++) {
                    if ((pass == 0 && s.edgeTo(i) == sel) || (pass == 1 && s.edgeFrom(i) == sel)) {
                        edgePath(g, s.nodes().get(s.edgeFrom(i)), s.nodes().get(s.edgeTo(i)), minX, minY, maxX, maxY);
                    }
                }
                g.stroke();
            }
        }

        boolean text = scale >= TEXT_MIN_SCALE;
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        for (DisplayNode n : s.nodes()) {
            if (n.x() > maxX || n.x() + n.width() < minX || n.y() > maxY || n.y() + n.height() < minY) {
                continue;
            }
            drawNode(g, n, text);
        }
        DisplayNode hover = s.node(hovered);
        if (hover != null && !text) {
            drawHoverLabel(g, hover);
        }
    }

    private static void edgePath(GraphicsContext g, DisplayNode a, DisplayNode b, double minX, double minY,
            double maxX, double maxY) {
        double x1 = a.x() + a.width();
        double y1 = a.centerY();
        double x2 = b.x();
        double y2 = b.centerY();
        if (Math.max(x1, x2) + 80 < minX || Math.min(x1, x2) - 80 > maxX
                || Math.max(y1, y2) < minY || Math.min(y1, y2) > maxY) {
            return;
        }
        double d = Math.max(40, Math.abs(x2 - x1) / 2);
        g.moveTo(x1, y1);
        g.bezierCurveTo(x1 + d, y1, x2 - d, y2, x2, y2);
    }

    /// Fill, border and text colours by state.
    record Style(Color fill, Color border, Color text, boolean dashed) {}

    static Style styleOf(DisplayNode n) {
        if (n.kind() == DisplayNode.Kind.MAIN) {
            return new Style(Color.web("#00add8"), Color.web("#0089ab"), Color.WHITE, false);
        }
        if (n.state() == NodeState.FAILED) {
            return new Style(Color.web("#ffebe9"), Color.web("#cf222e"), Color.web("#a40e26"), false);
        }
        if (n.superseded()) {
            return new Style(Color.web("#f3f4f6"), Color.web("#d0d7de"), Color.web("#8c959f"),
                    n.state() == NodeState.PRUNED);
        }
        return switch (n.state()) {
            case QUEUED -> new Style(Color.WHITE, Color.web("#afb8c1"), TEXT_MUTED, true);
            case RESOLVING -> new Style(Color.web("#fff8c5"), Color.web("#d4a72c"), TEXT, false);
            case PRUNED -> new Style(Color.WHITE, Color.web("#54aeff"), TEXT, true);
            case DOWNLOADING -> new Style(Color.web("#ddf4ff"), Color.web("#0969da"), TEXT, false);
            case VERIFIED -> new Style(Color.web("#dafbe1"), Color.web("#1a7f37"), TEXT, false);
            case CANCELLED -> new Style(Color.web("#f6f8fa"), Color.web("#8c959f"), TEXT_MUTED, false);
            default -> new Style(Color.web("#e5f7fb"), Color.web("#00a3cc"), TEXT, false);
        };
    }

    private void drawNode(GraphicsContext g, DisplayNode n, boolean text) {
        Style st = styleOf(n);
        double x = n.x();
        double y = n.y();
        double w = n.width();
        double h = n.height();
        double arc = 8;
        if (matches.contains(n.key())) {
            g.setFill(MATCH);
            double m = Math.max(3, 4 / scale);
            g.fillRoundRect(x - m, y - m, w + 2 * m, h + 2 * m, arc + 2 * m, arc + 2 * m);
        }
        if (n.kind() == DisplayNode.Kind.GROUP) {
            g.setFill(st.fill().darker().desaturate());
            g.fillRoundRect(x + 3, y + 3, w, h, arc, arc);
        }
        g.setFill(st.fill());
        g.fillRoundRect(x, y, w, h, arc, arc);
        boolean isSelected = n.key().equals(selected);
        boolean isHovered = n.key().equals(hovered);
        g.setStroke(isSelected ? SELECTION : isHovered ? st.border().darker() : st.border());
        g.setLineWidth(isSelected ? Math.max(2, 2.5 / scale) : Math.max(1, 1 / scale));
        if (st.dashed() && !isSelected) {
            g.setLineDashes(4, 3);
        }
        g.strokeRoundRect(x, y, w, h, arc, arc);
        g.setLineDashes();
        if (n.replaced()) {
            g.setFill(REPLACED);
            g.fillOval(x + w - 8, y + 3, 5, 5);
        }
        if (!text) {
            return;
        }
        double tyc = y + h / 2;
        boolean strong = n.kind() != DisplayNode.Kind.MODULE;
        g.setFont(strong ? BOLD : FONT);
        g.setFill(st.text());
        g.fillText(n.label(), x + DisplayGraph.PADDING, tyc);
        if (!n.version().isEmpty()) {
            double lw = TEXT_WIDTHS.width(n.label()) * (strong ? DisplayGraph.BOLD_FACTOR : 1);
            g.setFont(FONT);
            g.setFill(n.kind() == DisplayNode.Kind.MAIN ? Color.WHITE : n.superseded() ? st.text() : TEXT_MUTED);
            g.fillText(n.version(), x + DisplayGraph.PADDING + lw + DisplayGraph.VERSION_GAP, tyc);
        }
    }

    private void drawHoverLabel(GraphicsContext g, DisplayNode n) {
        // Drawn in screen space so it stays readable however far the view is zoomed out.
        g.setTransform(1, 0, 0, 1, 0, 0);
        String label = n.label() + (n.version().isEmpty() ? "" : "  " + n.version());
        double w = TEXT_WIDTHS.width(label) + 16;
        double sx = n.x() * scale + tx;
        double sy = (n.y() + n.height()) * scale + ty + 4;
        g.setFill(Color.web("#1f2328", 0.92));
        g.fillRoundRect(sx, sy, w, 22, 6, 6);
        g.setFill(Color.WHITE);
        g.setFont(FONT);
        g.fillText(label, sx + 8, sy + 11);
    }

    /// The metrics the layout used: the canvas font, measured once on the FX thread.
    static final TextMetrics TEXT_WIDTHS = measure();

    private static TextMetrics measure() {
        javafx.scene.text.Text t = new javafx.scene.text.Text();
        t.setFont(FONT);
        return TextMetrics.measuredBy(s -> {
            t.setText(s);
            return t.getLayoutBounds().getWidth();
        });
    }
}
