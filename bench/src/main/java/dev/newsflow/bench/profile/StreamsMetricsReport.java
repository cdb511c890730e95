package dev.newsflow.bench.profile;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka Streams' thread and task metrics, as read over JMX from the streams JVM, as Markdown: for each
 * thread and each task its process, punctuate and commit latency (average and maximum) and rates. Task
 * metrics exist only at {@code metrics.recording.level=DEBUG}, which the profiled run sets.
 */
public final class StreamsMetricsReport {
  private static final List<String> COLUMNS = List.of("process-rate", "process-latency-avg", "process-latency-max",
      "punctuate-rate", "punctuate-latency-avg", "punctuate-latency-max", "commit-rate", "commit-latency-avg",
      "commit-latency-max", "process-ratio", "punctuate-ratio", "commit-ratio", "poll-ratio", "active-process-ratio");
  private static final Pattern KEY = Pattern.compile("(thread-id|task-id)=([^,]+)");
  private static final Pattern RUN_SPECIFIC = Pattern.compile("bench-[a-z0-9]+-(eos|alo)\\.app-[0-9a-f-]{36}-");

  private StreamsMetricsReport() {}

  /** {@code metrics}: MBean name to attribute to value ({@code kafka.streams:type=stream-*-metrics,...}). */
  public static String markdown(Map<String, Map<String, Double>> metrics) {
    StringBuilder out = new StringBuilder("# Kafka Streams metrics of the streams JVM\n\n"
        + "Read over JMX at the end of the latency phase. Latencies: thread level in ms, task level in ns "
        + "(as Kafka reports them); ratios are shares of the thread's time.\n\n");
    out.append("| thread / task |");
    COLUMNS.forEach(c -> out.append(' ').append(c).append(" |"));
    out.append("\n| --- |");
    COLUMNS.forEach(c -> out.append(" ---: |"));
    out.append('\n');
    metrics.forEach((bean, values) -> {
      out.append("| ").append(row(bean)).append(" |");
      for (String c : COLUMNS) {
        Double v = values.get(c);
        out.append(' ').append(v == null ? "" : format(v)).append(" |");
      }
      out.append('\n');
    });
    return out.toString();
  }

  private static String row(String bean) {
    StringBuilder label = new StringBuilder(bean.contains("stream-task-metrics") ? "task " : "thread ");
    Matcher m = KEY.matcher(bean);
    String thread = "";
    String task = "";
    while (m.find()) {
      if (m.group(1).equals("thread-id")) {
        thread = RUN_SPECIFIC.matcher(m.group(2)).replaceAll("");
      } else {
        task = m.group(2);
      }
    }
    return label.append(task.isEmpty() ? thread : task + " (" + thread + ")").toString();
  }

  private static String format(double v) {
    if (v == 0) {
      return "0";
    }
    return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.3g", v);
  }
}
