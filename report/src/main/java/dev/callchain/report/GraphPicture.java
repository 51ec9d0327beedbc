package dev.callchain.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * A directed graph drawn as a PNG with plain Java2D (headless): nodes are boxes in columns, each
 * a node's longest distance from a node nothing points to, so calls flow left to right; arrows
 * carry their labels. An arrow that goes back or within a column is drawn as a curve.
 */
public final class GraphPicture {
  private static final int COLUMN_WIDTH = 300;
  private static final int ROW_HEIGHT = 90;
  private static final int MARGIN = 40;
  private static final int TITLE_HEIGHT = 60;
  private static final int NODE_HEIGHT = 34;
  private static final Font NODE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
  private static final Color NODE_FILL = new Color(0xDCE9F7);
  private static final Color INK = new Color(0x1F2D3D);
  private static final Color ARROW = new Color(0x5B6B7F);

  private final String title;
  private final List<String> subtitles = new ArrayList<>();
  /** Nodes in the order first named: the order within a column. */
  private final Set<String> nodes = new LinkedHashSet<>();
  private final List<Arrow> arrows = new ArrayList<>();

  private GraphPicture(String title) {
    this.title = title;
  }

  public static GraphPicture titled(String title) {
    return new GraphPicture(title);
  }

  /** A line under the title. */
  public GraphPicture subtitle(String line) {
    subtitles.add(line);
    return this;
  }

  public GraphPicture arrow(String from, String to, String label) {
    nodes.add(from);
    nodes.add(to);
    arrows.add(new Arrow(from, to, label));
    return this;
  }

  /** Writes the picture to {@code png} (its directory is created). */
  public void writePng(Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Map<String, Integer> columns = columns();
    Map<Integer, List<String>> byColumn = new TreeMap<>();
    for (String node : nodes) {
      byColumn.computeIfAbsent(columns.get(node), c -> new ArrayList<>()).add(node);
    }
    orderRows(byColumn);
    int columnCount = byColumn.keySet().stream().mapToInt(c -> c + 1).max().orElse(1);
    int rows = byColumn.values().stream().mapToInt(List::size).max().orElse(1);
    int top = TITLE_HEIGHT + 18 * subtitles.size();
    int width = Math.max(640, 2 * MARGIN + columnCount * COLUMN_WIDTH);
    int height = top + 2 * MARGIN + rows * ROW_HEIGHT;
    Map<String, Point2D> centres = new HashMap<>();
    for (Map.Entry<Integer, List<String>> column : byColumn.entrySet()) {
      List<String> inColumn = column.getValue();
      double spacing = (double) (height - top - 2 * MARGIN) / inColumn.size();
      for (int row = 0; row < inColumn.size(); row++) {
        centres.put(
            inColumn.get(row),
            new Point2D.Double(MARGIN + (column.getKey() + 0.5) * COLUMN_WIDTH, top + MARGIN + (row + 0.5) * spacing));
      }
    }

    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(INK);
    g.setFont(TITLE_FONT);
    g.drawString(title, MARGIN, 32);
    g.setFont(LABEL_FONT);
    for (int i = 0; i < subtitles.size(); i++) {
      g.drawString(subtitles.get(i), MARGIN, 54 + 18 * i);
    }
    Map<String, Double> halfWidths = new HashMap<>();
    g.setFont(NODE_FONT);
    for (String node : nodes) {
      halfWidths.put(node, g.getFontMetrics().stringWidth(node) / 2.0 + 12);
    }
    for (Arrow arrow : arrows) {
      drawArrow(g, arrow, centres, halfWidths, columns);
    }
    for (String node : nodes) {
      drawNode(g, node, centres.get(node), halfWidths.get(node));
    }
    g.dispose();
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ImageIO.write(image, "png", png.toFile());
  }

  /**
   * Orders each column by where its nodes' neighbours are (the barycenter heuristic): the columns
   * after the first by their callers, then the first by its callees, so that arrows cross less.
   */
  private void orderRows(Map<Integer, List<String>> byColumn) {
    Map<String, Double> height = new HashMap<>();
    for (int sweep = 0; sweep < 2; sweep++) {
      for (Map.Entry<Integer, List<String>> column : byColumn.entrySet()) {
        boolean first = column.getKey() == 0;
        if (sweep == 0 && first) {
          place(column.getValue(), height);
          continue;
        }
        List<String> inColumn = column.getValue();
        Map<String, Double> neighbours = new HashMap<>();
        for (String node : inColumn) {
          neighbours.put(node, meanHeight(node, first, height));
        }
        inColumn.sort(Comparator.comparing(neighbours::get));
        place(inColumn, height);
      }
    }
  }

  /** The mean height of a node's callees ({@code outward}) or callers placed so far; none: last. */
  private double meanHeight(String node, boolean outward, Map<String, Double> height) {
    double sum = 0;
    int count = 0;
    for (Arrow arrow : arrows) {
      String neighbour = outward ? (arrow.from.equals(node) ? arrow.to : null) : (arrow.to.equals(node) ? arrow.from : null);
      if (neighbour != null && height.containsKey(neighbour)) {
        sum += height.get(neighbour);
        count++;
      }
    }
    return count == 0 ? Double.MAX_VALUE : sum / count;
  }

  /** Each node's height in its column, 0 (top) to 1. */
  private static void place(List<String> inColumn, Map<String, Double> height) {
    for (int row = 0; row < inColumn.size(); row++) {
      height.put(inColumn.get(row), (row + 0.5) / inColumn.size());
    }
  }

  /** Each node's column: its longest path from a node nothing points to (a cycle is cut). */
  private Map<String, Integer> columns() {
    Map<String, List<String>> into = new HashMap<>();
    for (Arrow arrow : arrows) {
      into.computeIfAbsent(arrow.to, n -> new ArrayList<>()).add(arrow.from);
    }
    Map<String, Integer> columns = new HashMap<>();
    for (String node : nodes) {
      column(node, into, columns, new HashSet<>());
    }
    return columns;
  }

  private static int column(String node, Map<String, List<String>> into, Map<String, Integer> columns, Set<String> onPath) {
    Integer known = columns.get(node);
    if (known != null) {
      return known;
    }
    onPath.add(node);
    int column = 0;
    for (String from : into.getOrDefault(node, List.of())) {
      if (!onPath.contains(from) && !from.equals(node)) {
        column = Math.max(column, column(from, into, columns, onPath) + 1);
      }
    }
    onPath.remove(node);
    columns.put(node, column);
    return column;
  }

  private static void drawNode(Graphics2D g, String node, Point2D centre, double halfWidth) {
    int x = (int) (centre.getX() - halfWidth);
    int y = (int) (centre.getY() - NODE_HEIGHT / 2.0);
    int w = (int) (2 * halfWidth);
    g.setColor(NODE_FILL);
    g.fillRoundRect(x, y, w, NODE_HEIGHT, 14, 14);
    g.setColor(INK);
    g.setStroke(new BasicStroke(1.5f));
    g.drawRoundRect(x, y, w, NODE_HEIGHT, 14, 14);
    g.setFont(NODE_FONT);
    FontMetrics metrics = g.getFontMetrics();
    g.drawString(node, (float) (centre.getX() - metrics.stringWidth(node) / 2.0), (float) (centre.getY() + metrics.getAscent() / 2.0 - 2));
  }

  private static void drawArrow(
      Graphics2D g, Arrow arrow, Map<String, Point2D> centres, Map<String, Double> halfWidths, Map<String, Integer> columns) {
    Point2D from = centres.get(arrow.from);
    Point2D to = centres.get(arrow.to);
    g.setColor(ARROW);
    g.setStroke(new BasicStroke(1.6f));
    Point2D labelAt;
    double endX;
    double endY;
    double angle;
    if (columns.get(arrow.to) > columns.get(arrow.from)) {
      double startX = from.getX() + halfWidths.get(arrow.from);
      endX = to.getX() - halfWidths.get(arrow.to);
      endY = to.getY();
      g.draw(new Line2D.Double(startX, from.getY(), endX, endY));
      angle = Math.atan2(endY - from.getY(), endX - startX);
      // Nearer the callee than the middle: arrows out of one caller fan apart there.
      labelAt = new Point2D.Double(startX + 0.6 * (endX - startX), from.getY() + 0.6 * (endY - from.getY()));
    } else {
      // Back, or within a column: a curve over the top of both boxes.
      double startY = from.getY() - NODE_HEIGHT / 2.0;
      endX = to.getX();
      endY = to.getY() - NODE_HEIGHT / 2.0;
      double controlY = Math.min(startY, endY) - ROW_HEIGHT * 0.8;
      boolean loop = arrow.from.equals(arrow.to);
      double controlX = (from.getX() + endX) / 2 + (loop ? 60 : 0);
      g.draw(new QuadCurve2D.Double(from.getX() - (loop ? 20 : 0), startY, controlX, controlY, endX, endY));
      angle = Math.atan2(endY - controlY, endX - controlX);
      labelAt = new Point2D.Double(controlX, (controlY + Math.min(startY, endY)) / 2);
    }
    Path2D head = new Path2D.Double();
    head.moveTo(0, 0);
    head.lineTo(-10, -5);
    head.lineTo(-10, 5);
    head.closePath();
    AffineTransform place = AffineTransform.getTranslateInstance(endX, endY);
    place.rotate(angle);
    g.fill(place.createTransformedShape(head));
    g.setFont(LABEL_FONT);
    FontMetrics metrics = g.getFontMetrics();
    int w = metrics.stringWidth(arrow.label) + 8;
    int h = metrics.getHeight();
    int x = (int) (labelAt.getX() - w / 2.0);
    int y = (int) (labelAt.getY() - h / 2.0);
    g.setColor(new Color(255, 255, 255, 225));
    g.fillRect(x, y, w, h);
    g.setColor(INK);
    g.drawString(arrow.label, x + 4, y + metrics.getAscent());
  }

  private record Arrow(String from, String to, String label) {}
}
