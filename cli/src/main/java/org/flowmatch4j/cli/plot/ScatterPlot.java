package org.flowmatch4j.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.flowmatch4j.core.util.AtomicFiles;

/** A 2-D scatter plot with point layers, polylines (trajectories) and a legend, written as PNG (headless AWT). */
public final class ScatterPlot {
    private record Layer(double[][] points, Color color, String label, double radius) {}

    private record Line(double[][] points, Color color) {}

    private final String title;
    private final List<Layer> layers = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private String legendLine = "";
    private double[] frame;
    private double gridStep;
    private String xLabel = "", yLabel = "", linesLabel = "trajectories";

    public ScatterPlot(String title) { this.title = title; }

    /** Adds points [n][2]. */
    public ScatterPlot points(double[][] pts, Color color, String label, double radius) {
        layers.add(new Layer(pts, color, label, radius));
        return this;
    }

    /** Adds a polyline [n][2]. */
    public ScatterPlot line(double[][] pts, Color color) {
        lines.add(new Line(pts, color));
        return this;
    }

    /** The legend entry of the polylines (default "trajectories"). */
    public ScatterPlot linesLabel(String label) { linesLabel = label; return this; }

    /** A footnote under the title (e.g. the metrics). */
    public ScatterPlot note(String text) { legendLine = text; return this; }

    /**
     * Fixes the axes to [xMin, xMax] × [yMin, yMax] (equal scale) with grid lines every {@code gridStep} and axis
     * labels, e.g. longitude/latitude maps or Ramachandran plots; without it the axes fit the data.
     */
    public ScatterPlot frame(double xMin, double xMax, double yMin, double yMax, double gridStep, String xLabel, String yLabel) {
        this.frame = new double[] {xMin, xMax, yMin, yMax};
        this.gridStep = gridStep;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        return this;
    }

    /** A grid label with as many decimals as the grid step needs (0 for steps of 1 and more). */
    private String tick(double v) {
        int decimals = gridStep >= 1 ? 0 : (int) Math.ceil(-Math.log10(gridStep) - 1e-9);
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    }

    public void write(Path file) throws IOException {
        int pad = 60;
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        if (frame != null) {
            minX = frame[0]; maxX = frame[1]; minY = frame[2]; maxY = frame[3];
        } else {
            for (Layer l : layers) for (double[] p : l.points) {
                minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); minY = Math.min(minY, p[1]); maxY = Math.max(maxY, p[1]);
            }
        }
        double spanX = (maxX - minX) * (frame != null ? 1 : 1.05) + 1e-9, spanY = (maxY - minY) * (frame != null ? 1 : 1.05) + 1e-9;
        if (frame == null) spanX = spanY = Math.max(spanX, spanY);
        int width = spanX >= 1.5 * spanY ? 1100 : 800;
        double scale = (width - 2 * pad) / spanX;
        int height = (int) Math.round(spanY * scale) + 2 * pad;
        double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        java.util.function.DoubleUnaryOperator px = x -> width / 2.0 + (x - cx) * scale;
        java.util.function.DoubleUnaryOperator py = y -> height / 2.0 - (y - cy) * scale;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        if (frame != null && gridStep > 0) {
            for (double v = Math.ceil(minX / gridStep) * gridStep; v <= maxX + 1e-9; v += gridStep) {
                int x = (int) px.applyAsDouble(v);
                g.setColor(new Color(235, 235, 235));
                g.drawLine(x, pad, x, height - pad);
                g.setColor(Color.GRAY);
                g.drawString(tick(v), x - 10, height - pad + 14);
            }
            for (double v = Math.ceil(minY / gridStep) * gridStep; v <= maxY + 1e-9; v += gridStep) {
                int y = (int) py.applyAsDouble(v);
                g.setColor(new Color(235, 235, 235));
                g.drawLine(pad, y, width - pad, y);
                g.setColor(Color.GRAY);
                g.drawString(tick(v), pad - 30, y + 4);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(xLabel, width - pad - g.getFontMetrics().stringWidth(xLabel), height - pad + 28);
            g.drawString(yLabel, pad + 6, pad + 14);
        }
        g.setColor(new Color(200, 200, 200));
        g.drawRect(pad, pad, width - 2 * pad, height - 2 * pad);
        g.setStroke(new BasicStroke(1f));
        for (Line l : lines) {
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < l.points.length; i++) {
                double x = px.applyAsDouble(l.points[i][0]), y = py.applyAsDouble(l.points[i][1]);
                if (i == 0) path.moveTo(x, y); else path.lineTo(x, y);
            }
            g.setColor(l.color);
            g.draw(path);
        }
        for (Layer l : layers) {
            g.setColor(l.color);
            for (double[] p : l.points) {
                double x = px.applyAsDouble(p[0]), y = py.applyAsDouble(p[1]);
                g.fill(new Ellipse2D.Double(x - l.radius, y - l.radius, 2 * l.radius, 2 * l.radius));
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, pad, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(legendLine, pad, 48);
        int ly = height - pad + (frame != null ? 44 : 22), lx = pad;
        for (Layer l : layers) {
            g.setColor(new Color(l.color.getRed(), l.color.getGreen(), l.color.getBlue()));
            g.fillOval(lx, ly - 9, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(l.label, lx + 14, ly);
            lx += 20 + g.getFontMetrics().stringWidth(l.label) + 16;
        }
        if (!lines.isEmpty()) {
            g.setColor(lines.get(0).color);
            g.drawLine(lx, ly - 4, lx + 14, ly - 4);
            g.setColor(Color.BLACK);
            g.drawString(linesLabel, lx + 18, ly);
        }
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
