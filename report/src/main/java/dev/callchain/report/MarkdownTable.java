package dev.callchain.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A Markdown table, built row by row; numbers are right-aligned. */
public final class MarkdownTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public MarkdownTable(String... headers) {
    if (headers.length == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    this.headers = List.of(headers);
  }

  /** Adds a row; each cell is printed with {@link String#valueOf(Object)}. */
  public MarkdownTable row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the table " + headers.size() + " columns: "
              + Arrays.toString(cells));
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(String.valueOf(cell).replace("|", "\\|").replace("\n", " "));
    }
    rows.add(row);
    return this;
  }

  public int size() {
    return rows.size();
  }

  /** The table as GitHub-flavoured Markdown, columns padded so it also reads as plain text. */
  public String render() {
    int[] widths = new int[headers.size()];
    boolean[] numeric = new boolean[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = Math.max(3, headers.get(c).length());
      numeric[c] = !rows.isEmpty();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
        numeric[c] &= isNumber(row.get(c));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, headers, widths, numeric);
    out.append('|');
    for (int c = 0; c < widths.length; c++) {
      out.append(' ')
          .append("-".repeat(widths[c] - (numeric[c] ? 1 : 0)))
          .append(numeric[c] ? ":" : "")
          .append(" |");
    }
    out.append('\n');
    for (List<String> row : rows) {
      line(out, row, widths, numeric);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths, boolean[] right) {
    out.append('|');
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      String pad = " ".repeat(widths[c] - cell.length());
      out.append(' ').append(right[c] ? pad + cell : cell + pad).append(" |");
    }
    out.append('\n');
  }

  /** Figures like 1,234.5, 98.7%, 12x, -3 or n/a count as numbers for alignment. */
  private static boolean isNumber(String cell) {
    return cell.equals("n/a") || cell.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?\\s*(%|x|×|ms|s|MiB)?");
  }
}
