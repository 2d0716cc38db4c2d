package dev.gofetch.ui.graph;

import java.util.function.ToDoubleFunction;

/// Label widths without touching JavaFX, so layouts can run on any thread: the width of each
/// printable ASCII character, measured once on the FX thread in the label font (no kerning, which is
/// what JavaFX does for these fonts anyway). Other characters count as the widest ASCII one.
public final class TextMetrics {
    private final double[] ascii = new double[128];
    private final double other;

    private TextMetrics(ToDoubleFunction<String> measure) {
        double max = 0;
        for (char c = 32; c < 127; c++) {
            ascii[c] = measure.applyAsDouble(String.valueOf(c));
            max = Math.max(max, ascii[c]);
        }
        other = max;
    }

    public static TextMetrics measuredBy(ToDoubleFunction<String> measure) {
        return new TextMetrics(measure);
    }

    /// Every character the same width (tests, benchmarks).
    public static TextMetrics fixed(double charWidth) {
        return new TextMetrics(s -> charWidth);
    }

    public double width(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            w += c >= 32 && c < 127 ? ascii[c] : other;
        }
        return w;
    }
}
