package io.authpipe.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A table of text cells rendered two ways: aligned plain text for the terminal and a Markdown table for a report.
 * Columns after the first {@code textColumns} are numbers, right-aligned.
 */
final class ReportTable {
    private final List<String> headers;
    private final int textColumns;
    private final List<List<String>> rows = new ArrayList<>();

    ReportTable(List<String> headers, int textColumns) {
        this.headers = List.copyOf(headers);
        this.textColumns = textColumns;
    }

    ReportTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /**
     * Prints titled tables as plain text, then {@code notes}, then the same tables again as Markdown for a report.
     */
    static void printAll(PrintStream out, String setting, List<String> titles, List<ReportTable> tables,
                         List<String> notes) {
        out.println(setting);
        for (int i = 0; i < tables.size(); i++) {
            out.println();
            out.println(titles.get(i) + ":");
            out.print(tables.get(i).text());
        }
        for (String note : notes) {
            out.println();
            out.println(note);
        }
        out.println();
        out.println("Markdown:");
        for (int i = 0; i < tables.size(); i++) {
            out.println();
            out.println("**" + titles.get(i) + "**");
            out.println();
            out.print(tables.get(i).markdown());
        }
        out.flush();
    }

    /** Aligned columns, a rule under the header. */
    String text() {
        int[] widths = widths();
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        return render(rule, widths, "", "  ", "");
    }

    /** A GitHub-flavoured Markdown table, numbers right-aligned. */
    String markdown() {
        int[] widths = widths();
        List<String> rule = new ArrayList<>();
        for (int column = 0; column < widths.length; column++) {
            rule.add("-".repeat(widths[column] - 1) + (column < textColumns ? "-" : ":"));
        }
        return render(rule, widths, "| ", " | ", " |");
    }

    private String render(List<String> rule, int[] widths, String start, String separator, String end) {
        StringBuilder out = new StringBuilder();
        out.append(line(headers, widths, start, separator, end)).append('\n');
        out.append(line(rule, widths, start, separator, end)).append('\n');
        rows.forEach(row -> out.append(line(row, widths, start, separator, end)).append('\n'));
        return out.toString();
    }

    private String line(List<String> cells, int[] widths, String start, String separator, String end) {
        List<String> padded = new ArrayList<>();
        for (int column = 0; column < cells.size(); column++) {
            padded.add(pad(cells.get(column), widths[column], column >= textColumns));
        }
        return (start + String.join(separator, padded) + end).stripTrailing();
    }

    private int[] widths() {
        int[] widths = new int[headers.size()];
        for (List<String> row : withHeader()) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], Math.max(3, row.get(column).length()));
            }
        }
        return widths;
    }

    private List<List<String>> withHeader() {
        List<List<String>> all = new ArrayList<>(Collections.singletonList(headers));
        all.addAll(rows);
        return all;
    }

    private static String pad(String cell, int width, boolean right) {
        String fill = " ".repeat(width - cell.length());
        return right ? fill + cell : cell + fill;
    }
}
