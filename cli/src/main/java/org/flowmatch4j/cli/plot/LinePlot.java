package org.flowmatch4j.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.flowmatch4j.core.util.AtomicFiles;

/** A y-over-x line chart with independently scaled, labelled axes (y from 0), written as PNG (headless AWT). */
public final class LinePlot {
    private final String title, xLabel, yLabel;

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** @param points [n][2] (x, y), x increasing */
    public void write(double[][] points, Path file) throws IOException {
        int w = 900, hgt = 500, left = 80, right = 30, top = 60, bottom = 60;
        double x0 = points[0][0], x1 = points[points.length - 1][0], yMax = 0;
        for (double[] p : points) yMax = Math.max(yMax, p[1]);
        yMax = yMax <= 0 ? 1 : yMax * 1.15;
        BufferedImage img = new BufferedImage(w, hgt, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, hgt);
        int pw = w - left - right, ph = hgt - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int k = 0; k <= 4; k++) {
            int y = top + ph - ph * k / 4;
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left, y, left + pw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%.0f", yMax * k / 4), 20, y + 4);
            int x = left + pw * k / 4;
            g.drawString(String.format("%.0f", x0 + (x1 - x0) * k / 4), x - 12, top + ph + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        Path2D.Double line = new Path2D.Double();
        for (int i = 0; i < points.length; i++) {
            double x = left + pw * (points[i][0] - x0) / Math.max(1e-12, x1 - x0);
            double y = top + ph - ph * points[i][1] / yMax;
            if (i == 0) line.moveTo(x, y); else line.lineTo(x, y);
        }
        g.setColor(new Color(31, 119, 180));
        g.setStroke(new BasicStroke(2f));
        g.draw(line);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(xLabel, left + pw / 2 - 20, hgt - 15);
        g.drawString(yLabel, 10, top - 12);
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
