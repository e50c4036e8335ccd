package io.github.accountopening.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** target/bench/report.md with every figure beside its goal, and a bar chart of the rates. */
final class BenchReport {

    private BenchReport() {}

    static void write(Path dir, Map<String, String> figures, List<String> notes, Map<String, Double> rates)
            throws IOException {
        StringBuilder md = new StringBuilder("# Benchmark\n\n");
        md.append("Measured ")
                .append(LocalDate.now())
                .append(" on ")
                .append(machine())
                .append(", profile postgres on the")
                .append(" embedded PostgreSQL server, every figure in the same run.\n\n");
        md.append("| figure | measured |\n|---|---|\n");
        figures.forEach((name, value) ->
                md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        md.append("\n![rates](chart.png)\n\n");
        notes.forEach(note -> md.append("- ").append(note).append("\n"));
        Files.writeString(dir.resolve("report.md"), md.toString());
        chart(dir.resolve("chart.png"), rates);
    }

    static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os.getAvailableProcessors() + " cores, "
                + Math.round(((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() / 1e9) + " GB, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", Java " + System.getProperty("java.version");
    }

    private static void chart(Path file, Map<String, Double> rates) throws IOException {
        int width = 900;
        int barHeight = 34;
        int height = 60 + rates.size() * (barHeight + 16);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Rates measured in one run (per second)", 20, 30);
        double max =
                rates.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int y = 50;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        for (var rate : rates.entrySet()) {
            int length = (int) Math.max(2, (width - 330) * rate.getValue() / max);
            g.setColor(new Color(0x2f6fb3));
            g.fillRect(170, y, length, barHeight);
            g.setColor(Color.DARK_GRAY);
            g.drawString(rate.getKey(), 20, y + 22);
            g.drawString(String.format("%.0f", rate.getValue()), 180 + length, y + 22);
            y += barHeight + 16;
        }
        g.setStroke(new BasicStroke(1));
        g.drawLine(170, 45, 170, y - 10);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
