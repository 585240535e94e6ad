package org.flowmatch4j.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.flowmatch4j.core.util.AtomicFiles;

/** Grouped bars (categories × series, values in [0, max]) written as PNG, e.g. secondary-structure fractions. */
public final class BarPlot {
    private record Series(String label, double[] values, Color color) {}

    private final String title;
    private final String[] categories;
    private final List<Series> series = new ArrayList<>();

    public BarPlot(String title, String... categories) {
        this.title = title;
        this.categories = categories.clone();
    }

    /** One value per category. */
    public BarPlot series(String label, double[] values, Color color) {
        if (values.length != categories.length) {
            throw new IllegalArgumentException("need " + categories.length + " values for series " + label + ", got " + values.length);
        }
        series.add(new Series(label, values.clone(), color));
        return this;
    }

    public void write(Path file) throws IOException {
        int w = 700, h = 460, pad = 60;
        double max = 0;
        for (Series s : series) for (double v : s.values) max = Math.max(max, v);
        max = max <= 0 ? 1 : max * 1.15;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, pad, 30);
        int plotH = h - 2 * pad, groupW = (w - 2 * pad) / categories.length, barW = Math.max(4, (groupW - 20) / Math.max(1, series.size()));
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(200, 200, 200));
        g.drawLine(pad, h - pad, w - pad, h - pad);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int c = 0; c < categories.length; c++) {
            int x0 = pad + c * groupW + 10;
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values[c];
                int bh = (int) Math.round(plotH * v / max), x = x0 + s * barW;
                g.setColor(series.get(s).color);
                g.fillRect(x, h - pad - bh, barW - 4, bh);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format("%.2f", v), x, h - pad - bh - 4);
            }
            g.setColor(Color.BLACK);
            g.drawString(categories[c], x0, h - pad + 18);
        }
        int lx = pad;
        for (Series s : series) {
            g.setColor(s.color);
            g.fillRect(lx, h - 22, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(s.label, lx + 16, h - 12);
            lx += 30 + g.getFontMetrics().stringWidth(s.label);
        }
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
