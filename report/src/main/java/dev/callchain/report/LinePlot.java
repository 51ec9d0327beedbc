package dev.callchain.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A line plot of one or more series, written as a PNG (headless; no display needed). */
public final class LinePlot {
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private boolean logX;
  private boolean logY;
  private final List<Series> series = new ArrayList<>();

  private LinePlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public static LinePlot titled(String title, String xLabel, String yLabel) {
    return new LinePlot(title, xLabel, yLabel);
  }

  public LinePlot logX() {
    logX = true;
    return this;
  }

  public LinePlot logY() {
    logY = true;
    return this;
  }

  /** Adds a series; xs and ys pair up by index. */
  public LinePlot series(String name, double[] xs, double[] ys) {
    if (xs.length != ys.length || xs.length == 0) {
      throw new IllegalArgumentException(
          "series " + name + " needs as many xs as ys, at least one: " + xs.length + " vs " + ys.length);
    }
    series.add(new Series(name, xs.clone(), ys.clone()));
    return this;
  }

  /** Writes the plot to {@code png} (its directory is created), 900 x 540 pixels. */
  public void writePng(Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder().width(900).height(540).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendVisible(series.size() > 1);
    for (Series s : series) {
      XYSeries added = chart.addSeries(s.name, s.xs, s.ys);
      added.setMarker(SeriesMarkers.CIRCLE);
    }
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private record Series(String name, double[] xs, double[] ys) {}
}
