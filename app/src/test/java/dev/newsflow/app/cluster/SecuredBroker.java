package dev.newsflow.app.cluster;

import dev.newsflow.broker.LocalKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A local broker that only speaks SASL_SSL with SCRAM-SHA-512 to clients and authorizes every request
 * by ACLs (Kafka's {@code StandardAuthorizer}, nothing allowed without an ACL), with a throwaway TLS key
 * pair made by the JDK's {@code keytool}. Its one super user, {@code admin}, creates the other users and
 * their ACLs through the Admin API.
 */
record SecuredBroker(LocalKafkaBroker broker, Path truststore, String storePassword, String adminPassword)
    implements AutoCloseable {
  static final String MECHANISM = "SCRAM-SHA-512";
  static final String ADMIN = "admin";

  static SecuredBroker start(Path dir) throws IOException, InterruptedException {
    String storePassword = "store-" + UUID.randomUUID();
    String adminPassword = "admin-" + UUID.randomUUID();
    Path tls = Files.createDirectories(dir.resolve("tls"));
    Path keystore = tls.resolve("broker.p12");
    Path certificate = tls.resolve("broker.pem");
    Path truststore = tls.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", storePassword, "-keypass", storePassword);
    keytool("-exportcert", "-alias", "broker", "-rfc", "-file", certificate.toString(),
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", storePassword);
    keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
        "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", storePassword);

    int port = LocalKafkaBroker.freePort();
    int controllerPort = LocalKafkaBroker.freePort();
    LocalKafkaBroker.Builder b = LocalKafkaBroker.builder(dir.resolve("kafka"))
        .brokerPort(port).controllerPort(controllerPort)
        .scramUser(MECHANISM, ADMIN, adminPassword);
    Map<String, String> server = new LinkedHashMap<>();
    server.put("listeners", "SASL_SSL://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    server.put("advertised.listeners", "SASL_SSL://127.0.0.1:" + port);
    server.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
    server.put("inter.broker.listener.name", "SASL_SSL");
    server.put("sasl.enabled.mechanisms", MECHANISM);
    server.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
    server.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(ADMIN, adminPassword));
    server.put("ssl.keystore.location", keystore.toString());
    server.put("ssl.keystore.password", storePassword);
    server.put("ssl.keystore.type", "PKCS12");
    server.put("ssl.key.password", storePassword);
    server.put("ssl.truststore.location", truststore.toString());
    server.put("ssl.truststore.password", storePassword);
    server.put("ssl.truststore.type", "PKCS12");
    server.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    // The controller listener is PLAINTEXT inside this one process's node: its principal is ANONYMOUS.
    server.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
    server.put("allow.everyone.if.no.acl.found", "false");
    server.forEach(b::config);
    SecuredBroker secured = new SecuredBroker(null, truststore, storePassword, adminPassword);
    secured.clientSettings(ADMIN, adminPassword).forEach(b::clientProperty);
    LocalKafkaBroker broker = b.build().start();
    return new SecuredBroker(broker, truststore, storePassword, adminPassword);
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Client properties (no prefix) for {@code user} with a literal password: the test's own admin client. */
  Map<String, Object> clientSettings(String user, String password) {
    Map<String, Object> p = new LinkedHashMap<>(tlsSettings());
    p.put("sasl.jaas.config", jaas(user, password));
    return p;
  }

  /** The TLS and SASL settings but the login: what a newsflow configuration sets as {@code kafka.*}. */
  Map<String, String> tlsSettings() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("security.protocol", "SASL_SSL");
    p.put("sasl.mechanism", MECHANISM);
    p.put("ssl.truststore.location", truststore.toString());
    p.put("ssl.truststore.password", storePassword);
    p.put("ssl.truststore.type", "PKCS12");
    return p;
  }

  static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
        + "\" password=\"" + password + "\";";
  }

  @Override
  public void close() {
    broker.stop();
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
    }
  }

}
