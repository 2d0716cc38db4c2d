package dev.gofetch.ui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.GeneralPath;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/// Draws the app icon — a white arrow with motion lines going down into an open tray, on a Go-cyan
/// rounded square — at
/// every size we ship, into `icons/` (for packaging) and the app's resources (for the window).
/// Run from the worktree: `java -cp target/test-classes dev.gofetch.ui.IconGenerator`.
public final class IconGenerator {
    static final int[] SIZES = {16, 24, 32, 48, 64, 128, 256, 512};

    private IconGenerator() {}

    public static void main(String[] args) throws IOException {
        Path packaging = Path.of("icons");
        Path resources = Path.of("src/main/resources/dev/gofetch/ui/icons");
        Files.createDirectories(packaging);
        Files.createDirectories(resources);
        for (int size : SIZES) {
            BufferedImage img = draw(size);
            ImageIO.write(img, "png", packaging.resolve("gofetch-" + size + ".png").toFile());
            ImageIO.write(img, "png", resources.resolve("gofetch-" + size + ".png").toFile());
        }
        ImageIO.write(draw(512), "png", packaging.resolve("app.png").toFile());
    }

    /// The icon on a 100×100 grid, scaled to size. Small sizes get a thicker drawing so it stays legible.
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 100.0, size / 100.0);
        boolean small = size <= 24;
        double inset = small ? 1 : 4;
        g.setPaint(new GradientPaint(0, 0, new Color(0x1f, 0xc0, 0xe6), 0, 100, new Color(0x00, 0x9c, 0xc4)));
        g.fill(new RoundRectangle2D.Double(inset, inset, 100 - 2 * inset, 100 - 2 * inset, 30, 30));

        g.setColor(Color.WHITE);
        // The tray: an open box the arrow drops into.
        float trayStroke = small ? 12 : 9;
        g.setStroke(new BasicStroke(trayStroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        GeneralPath tray = new GeneralPath();
        tray.moveTo(22, 58);
        tray.lineTo(22, 78);
        tray.lineTo(78, 78);
        tray.lineTo(78, 58);
        g.draw(tray);
        // The arrow: a shaft and a head, pointing into the tray.
        double shaft = small ? 16 : 13;
        GeneralPath arrow = new GeneralPath();
        arrow.moveTo(50 - shaft / 2, 16);
        arrow.lineTo(50 + shaft / 2, 16);
        arrow.lineTo(50 + shaft / 2, 42);
        arrow.lineTo(68, 42);
        arrow.lineTo(50, 66);
        arrow.lineTo(32, 42);
        arrow.lineTo(50 - shaft / 2, 42);
        arrow.closePath();
        g.fill(arrow);
        if (!small) {
            // Motion lines, as in Go's own logo: the arrow is in a hurry.
            g.setStroke(new BasicStroke(5.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(new Color(255, 255, 255, 215));
            g.drawLine(20, 20, 35, 20);
            g.drawLine(25, 29, 35, 29);
            g.drawLine(30, 38, 35, 38);
            g.drawLine(65, 20, 80, 20);
            g.drawLine(65, 29, 75, 29);
            g.drawLine(65, 38, 70, 38);
        }
        g.dispose();
        return img;
    }
}
