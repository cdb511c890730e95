package dev.newsflow.bench.jvm;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads another JVM of this user through JMX over its local connector: the attach API starts the
 * target's local management agent (no port, no options needed at its start), then the platform and
 * Kafka MBeans are read like any remote JMX client would.
 */
public final class JvmProbe implements AutoCloseable {
  private final JMXConnector connector;
  private final MBeanServerConnection server;
  private final MemoryMXBean memory;

  private JvmProbe(JMXConnector connector) throws IOException {
    this.connector = connector;
    this.server = connector.getMBeanServerConnection();
    this.memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
  }

  /** Connects to the JVM with process id {@code pid}; fails with the reason when it cannot. */
  public static JvmProbe attach(long pid) {
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      return new JvmProbe(JMXConnectorFactory.connect(new JMXServiceURL(address)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the JVM " + pid + " over JMX (attach API): " + e.getMessage(), e);
    }
  }

  /** Heap in use now, garbage included. */
  public long heapUsedBytes() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Runs a full collection in the target and returns the heap still in use: its live data. */
  public long heapLiveBytes() {
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  public long heapMaxBytes() {
    return memory.getHeapMemoryUsage().getMax();
  }

  /**
   * Every numeric attribute of the MBeans matching {@code pattern} (e.g. {@code kafka.streams:type=stream-task-metrics,*}):
   * one entry per MBean, by its name, of attribute to value, sorted.
   */
  public Map<String, Map<String, Double>> numericAttributes(String pattern) {
    Map<String, Map<String, Double>> out = new TreeMap<>();
    try {
      for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
        List<String> attributes = new ArrayList<>();
        for (MBeanAttributeInfo info : server.getMBeanInfo(name).getAttributes()) {
          attributes.add(info.getName());
        }
        Map<String, Double> values = new TreeMap<>();
        for (Object a : server.getAttributes(name, attributes.toArray(String[]::new)).asList()) {
          javax.management.Attribute attribute = (javax.management.Attribute) a;
          if (attribute.getValue() instanceof Number n && Double.isFinite(n.doubleValue())) {
            values.put(attribute.getName(), n.doubleValue());
          }
        }
        out.put(name.getCanonicalName(), values);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the MBeans " + pattern + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** One attribute of every MBean matching {@code pattern}, by MBean; MBeans without it, or not numeric, are left out. */
  public Map<ObjectName, Double> attribute(String pattern, String attribute) {
    Map<ObjectName, Double> out = new java.util.HashMap<>();
    try {
      for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
        try {
          if (server.getAttribute(name, attribute) instanceof Number n && Double.isFinite(n.doubleValue())) {
            out.put(name, n.doubleValue());
          }
        } catch (javax.management.AttributeNotFoundException | javax.management.InstanceNotFoundException e) {
          // the metric is gone (a partition revoked) or not recorded: nothing to add
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + attribute + " of " + pattern + ": " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * The target's thread dump, as {@code jcmd PID Thread.print} prints it (the {@code threadPrint} diagnostic
   * command): each thread's name, state and Linux thread id ({@code nid}).
   */
  public String threadDump() {
    return threadDump(server);
  }

  /** The thread dump of the JVM behind {@code server}: this JVM's own with the platform MBean server. */
  static String threadDump(MBeanServerConnection server) {
    try {
      return (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "threadPrint",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the thread dump: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      connector.close();
    } catch (IOException ignored) {
      // the target may already be gone
    }
  }
}
