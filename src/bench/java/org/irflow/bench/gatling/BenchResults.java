package org.irflow.bench.gatling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One scenario's result file, target/bench/NAME.md: the machine, what was run, then rows of figure,
 * target and whether it was met. Every figure comes from this run.
 */
final class BenchResults {

  private final String name;
  private final StringBuilder text = new StringBuilder();

  BenchResults(String name, String title) {
    this.name = name;
    text.append("# ").append(title).append("\n\nRun ").append(Instant.now()).append(quick() ? " (quick: -Dbench.quick=true, short durations, not for the record)" : "").append(".\n\n");
  }

  /** Shortened durations for trying a change; the record is a full run. */
  static boolean quick() {
    return Boolean.getBoolean("bench.quick");
  }

  /** {@code full} normally, {@code quick} with -Dbench.quick=true. */
  static Duration duration(Duration full, Duration quick) {
    return quick() ? quick : full;
  }

  static int count(int full, int quick) {
    return quick() ? quick : full;
  }

  BenchResults paragraph(String paragraph) {
    text.append(paragraph).append("\n\n");
    return this;
  }

  BenchResults tableHead() {
    text.append("| Figure | Target | Measured | Met? |\n|---|---|---|---|\n");
    return this;
  }

  BenchResults row(String figure, String target, String measured, String met) {
    text.append("| ").append(figure).append(" | ").append(target).append(" | ").append(measured).append(" | ")
        .append(met).append(" |\n");
    return this;
  }

  BenchResults line(String line) {
    text.append(line).append('\n');
    return this;
  }

  static String met(boolean met) {
    return met ? "yes" : "**no**";
  }

  /** "p50 / p99 / p99.9 / max" in ms of a histogram of nanoseconds, and the count. */
  static String percentiles(Histogram nanos) {
    if (nanos.getTotalCount() == 0) {
      return "no samples";
    }
    return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%d samples)",
        ms(nanos, 50), ms(nanos, 99), ms(nanos, 99.9), nanos.getMaxValue() / 1e6, nanos.getTotalCount());
  }

  static double ms(Histogram nanos, double percentile) {
    return nanos.getValueAtPercentile(percentile) / 1e6;
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** Writes the file and prints it. */
  void write() {
    try {
      Path dir = Files.createDirectories(Path.of("target", "bench"));
      Files.writeString(dir.resolve(name + ".md"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println(text);
  }
}
